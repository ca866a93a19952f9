//! `seq run` and `seq test`: these build cached Cargo projects depending on `seq`. The
//! first build of the dependencies takes minutes; they go to `<target>/seq-cli-cache`,
//! so later test runs reuse them.

mod common;
use common::{arg, data, output, run, scratch, seq};
use std::time::{Duration, Instant};

#[test]
fn run_passes_arguments_and_forwards_the_exit_code() {
    let (code, stdout, stderr) = run(&["run", arg(&data("args.seq")), "one", "two words"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "one\ntwo words\n");
}

#[test]
fn run_reports_type_errors_without_building() {
    let (code, stdout, stderr) = run(&["run", arg(&data("type-error.seq"))]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("type-error.seq:3:23"), "{stderr}");
}

#[test]
fn a_second_run_of_an_unchanged_file_skips_cargo() {
    let dir = scratch("second-run");
    let file = dir.join("prog.seq");
    std::fs::copy(data("uses-include.seq"), &file).unwrap();
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::copy(data("lib/greet.seq"), dir.join("lib/greet.seq")).unwrap();
    let (code, stdout, stderr) = run(&["run", arg(&file)]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "hello from an include\n"),
        "{stderr}"
    );

    let started = Instant::now();
    let (code, stdout, stderr) = run(&["run", arg(&file)]);
    let took = started.elapsed();
    assert_eq!(
        (code, stdout.as_str()),
        (0, "hello from an include\n"),
        "{stderr}"
    );
    assert!(
        took < Duration::from_secs(1),
        "the second run took {took:?}: it should not have run cargo"
    );
}

#[test]
fn editing_the_file_or_an_include_rebuilds() {
    let dir = scratch("edit");
    let file = dir.join("prog.seq");
    let lib = dir.join("lib/greet.seq");
    std::fs::copy(data("uses-include.seq"), &file).unwrap();
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::copy(data("lib/greet.seq"), &lib).unwrap();
    let (code, stdout, stderr) = run(&["run", arg(&file)]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "hello from an include\n"),
        "{stderr}"
    );

    std::fs::write(
        &file,
        "include \"lib/greet\"\n: main ( -- Int ) greeting io.write-line \"edited\" io.write-line 7 ;\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["run", arg(&file)]);
    assert_eq!(
        (code, stdout.as_str()),
        (7, "hello from an include\nedited\n"),
        "{stderr}"
    );

    std::fs::write(&lib, ": greeting ( -- String ) \"hello again\" ;\n").unwrap();
    let (code, stdout, stderr) = run(&["run", arg(&file)]);
    assert_eq!(
        (code, stdout.as_str()),
        (7, "hello again\nedited\n"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_with_a_shebang_line_is_a_script() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("script");
    let script = dir.join("script.seq");
    std::fs::copy(data("script.seq"), &script).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin_dir = common::seq_bin().parent().unwrap().to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin_dir];
    paths.extend(std::env::split_paths(&path));
    let mut cmd = std::process::Command::new(&script);
    cmd.envs(seq(&[]).get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env("PATH", std::env::join_paths(paths).unwrap());
    let out = output(&mut cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "script ran\n");
}

#[test]
fn test_runs_the_test_words() {
    let (code, stdout, stderr) = run(&["test", arg(&data("test-pass.seq"))]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("2 passed"), "{stdout}");
}

#[test]
fn a_failing_test_fails_seq_test() {
    let (code, stdout, stderr) = run(&["test", arg(&data("test-fail.seq"))]);
    assert_ne!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed; 1 failed"), "{stdout}");
    assert!(stdout.contains("test-fail.seq:3:23"), "{stdout}");
}
