fn main() -> std::process::ExitCode {
    reportlint::main()
}
