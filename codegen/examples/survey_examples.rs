use codegen::extract::example_json::{Failure, read};
use std::collections::BTreeMap;
fn main() {
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut repairs: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let (mut total, mut strict) = (0, 0);
    for arg in std::env::args().skip(1) {
        let spec =
            codegen::spec::ServiceSpec::from_json(&std::fs::read_to_string(&arg).unwrap()).unwrap();
        for op in &spec.operations {
            for e in &op.examples {
                total += 1;
                if serde_json::from_str::<serde_json::Value>(&e.text).is_ok() {
                    strict += 1;
                }
                let key = match read(&e.text) {
                    Ok(p) => {
                        let mut seen = std::collections::BTreeSet::new();
                        for r in &p.repairs {
                            let c = repairs.entry(r.kind.as_str()).or_default();
                            c.0 += 1;
                            if seen.insert(r.kind) {
                                c.1 += 1;
                            }
                            let s = samples.entry(r.kind.as_str().into()).or_default();
                            if s.len() < 4 && seen.len() < 99 {
                                let l = e.text.lines().nth(r.pos.line as usize - 1).unwrap_or("");
                                s.push(format!(
                                    "{} {}:{} {}",
                                    spec.service,
                                    op.id,
                                    r.pos.line,
                                    l.chars().take(100).collect::<String>()
                                ));
                            }
                        }
                        if p.repairs.is_empty() {
                            "parsed, no repair".to_string()
                        } else {
                            "parsed with repairs".to_string()
                        }
                    }
                    Err(Failure::NotJson { reason }) => format!("not json: {reason}"),
                    Err(Failure::Invalid { pos, message }) => {
                        let k = format!("invalid");
                        let s = samples.entry(k.clone()).or_default();
                        if s.len() < 40 {
                            let l = e.text.lines().nth(pos.line as usize - 1).unwrap_or("");
                            s.push(format!(
                                "{} {} {}:{} {message} | {}",
                                spec.service,
                                op.id,
                                pos.line,
                                pos.col,
                                l.chars().take(100).collect::<String>()
                            ));
                        }
                        k
                    }
                };
                if key.starts_with("not json") {
                    let s = samples.entry(key.clone()).or_default();
                    if s.len() < 6 {
                        s.push(format!(
                            "{} {} | {}",
                            spec.service,
                            op.id,
                            e.text
                                .lines()
                                .next()
                                .unwrap_or("")
                                .chars()
                                .take(100)
                                .collect::<String>()
                        ));
                    }
                }
                *shapes.entry(key).or_default() += 1;
            }
        }
    }
    println!("examples {total}, strict JSON {strict}");
    for (k, n) in &shapes {
        println!("{n:6} {k}");
    }
    println!("repairs (occurrences, examples):");
    for (k, (n, e)) in &repairs {
        println!("{n:6} {e:6} {k}");
    }
    for (k, v) in &samples {
        println!("== {k}");
        for s in v {
            println!("   {s}");
        }
    }
}
