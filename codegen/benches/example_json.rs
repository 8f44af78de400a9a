//! The lenient example-JSON reader on huge inputs, at n and 2n:
//! `cargo bench -p codegen --bench example_json`. Throughput is in bytes, so
//! a linear reader shows the same MiB/s at both sizes and a quadratic one
//! halves it. (This replaces a unit test that asserted wall time.)

use codegen::extract::example_json::{read, read_value};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// `[{"k0": x0},{"k1": x1},…]`: n objects, each with a placeholder to repair.
fn huge_array(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| format!("{{\"k{i}\": x{i}}}")).collect();
    format!("[{}]", items.join(","))
}

/// Fifty `{` then n `{x`: brace placeholders that never close (an error).
fn brace_run(n: usize) -> String {
    "{".repeat(50) + &"{x".repeat(n)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("example_json");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for n in [100_000, 200_000] {
        let array = huge_array(n);
        g.throughput(Throughput::Bytes(array.len() as u64));
        g.bench_with_input(BenchmarkId::new("read_array", n), &array, |b, t| {
            b.iter(|| black_box(read(t)))
        });
        g.bench_with_input(BenchmarkId::new("read_value_array", n), &array, |b, t| {
            b.iter(|| black_box(read_value(t)))
        });
        let braces = brace_run(n);
        g.throughput(Throughput::Bytes(braces.len() as u64));
        g.bench_with_input(BenchmarkId::new("read_braces", n), &braces, |b, t| {
            b.iter(|| black_box(read(t)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
