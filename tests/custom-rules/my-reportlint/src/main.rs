//! A user's own reportlint: every built-in rule, plus the rules of `my-rules`.

fn main() -> std::process::ExitCode {
    my_rules::link();
    reportlint::main()
}
