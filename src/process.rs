//! The process itself: no core dumps. A SIGQUIT core (or one from a crash)
//! held the notes of the client on screen, in a file anyone with access to
//! the dump folder (or a crash reporter) could read. At start-up the core
//! size limit is set to 0 (soft and hard, so it cannot be raised again) and
//! the process is made non-dumpable (`PR_SET_DUMPABLE`, Linux), which also
//! keeps other processes of the same user from reading its memory through
//! /proc or ptrace.

/// Turns core dumps off for this process; failures are ignored (a sandbox
/// may forbid the call; the rest of the app works the same).
pub fn no_core_dumps() {
    let zero = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit with a valid, initialised struct.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &zero);
    }
    #[cfg(target_os = "linux")]
    // SAFETY: prctl(PR_SET_DUMPABLE, 0) takes no pointers.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_the_call_no_core_can_be_written() {
        no_core_dumps();
        let mut got = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: getrlimit into a valid struct.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut got) }, 0);
        assert_eq!((got.rlim_cur, got.rlim_max), (0, 0));
        #[cfg(target_os = "linux")]
        // SAFETY: PR_GET_DUMPABLE takes no pointers.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) }, 0);
    }
}
