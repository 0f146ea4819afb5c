/// mimalloc: linting allocates many small, short-lived strings and vectors per report, and glibc's
/// malloc spent about a tenth of the time on them (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    reportlint::main()
}
