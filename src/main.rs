fn main() -> std::process::ExitCode {
    // Before any client data is read: no core dump may hold it (issue 12).
    bansou::process::no_core_dumps();
    bansou::cli::main()
}
