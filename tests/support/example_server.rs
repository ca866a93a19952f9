//! A server example (a `program!` that prints `LISTENING <port>` and serves on it) run as
//! a child process on a port of the system's choice, for the tests that talk to it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The example running; killed when dropped.
pub struct ExampleServer {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

impl ExampleServer {
    /// Builds and starts the example `name` with port argument 0 and waits for its
    /// `LISTENING <port>` line.
    pub fn start(name: &str) -> ExampleServer {
        let mut child = Command::new(env!("CARGO"))
            .args(["run", "-q", "--example", name, "--", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("cargo runs");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("piped"))
            .read_line(&mut line)
            .expect("the server's first line");
        let port = line
            .trim()
            .strip_prefix("LISTENING ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("expected `LISTENING <port>`, got {line:?}"));
        ExampleServer { child, port }
    }

    /// The server's CPU time so far (user + system, in clock ticks), from /proc.
    fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .expect("the server's /proc/<pid>/stat");
        // Fields after the command (which is in parentheses): state is field 3, utime 14.
        let rest = &stat[stat.rfind(')').expect("a command field") + 2..];
        let fields: Vec<&str> = rest.split(' ').collect();
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    /// Asserts that the server, left alone, is idle: under 30 clock ticks of CPU in a
    /// second (a strand spinning on a closed connection would take about 100 per core).
    pub fn assert_idle(&self) {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let before = self.cpu_ticks();
        std::thread::sleep(std::time::Duration::from_secs(1));
        let spent = self.cpu_ticks() - before;
        assert!(
            spent < 30,
            "the idle server used {spent} ticks of CPU in a second"
        );
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for ExampleServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
