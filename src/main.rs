fn main() -> std::process::ExitCode {
    bansou::cli::main()
}
