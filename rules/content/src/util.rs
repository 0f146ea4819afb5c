//! What the content rules share: a part's text when it is whole, and the report's prose.

use reportlint_core::tables::{Found, Tables};
use reportlint_core::{Document, SectionKind, Span};

/// The body of part `kind`, when the model found it and the part after it (or the closing
/// block), so that the body is known to be whole. `None` for a part that is missing or may be
/// cut short.
pub fn whole_part(doc: &Document, kind: SectionKind) -> Option<Span> {
    let section = doc.section(kind)?;
    let followed = doc
        .sections()
        .iter()
        .any(|s| s.kind.number() > kind.number())
        || doc.closing().is_some();
    followed.then_some(section.body)
}

/// The text of `span` without the statistics tables in it.
pub fn prose_of(doc: &Document, span: Span) -> String {
    let tables = doc.analysis::<Tables>();
    let mut regions = tables.regions();
    for region in [
        tables.proactive.as_ref().and_then(unreadable_region),
        tables.requests.as_ref().and_then(unreadable_region),
        tables.appeals.as_ref().and_then(unreadable_region),
    ] {
        regions.extend(region);
    }
    let mut out = String::with_capacity(span.len());
    let mut pos = span.start;
    let mut cuts: Vec<Span> = regions
        .into_iter()
        .filter(|r| r.start < span.end && span.start < r.end)
        .collect();
    cuts.sort_by_key(|r| r.start);
    for r in cuts {
        if r.start > pos {
            out.push_str(&doc.text()[pos..r.start]);
        }
        pos = pos.max(r.end);
    }
    if pos < span.end {
        out.push_str(&doc.text()[pos..span.end]);
    }
    out
}

fn unreadable_region<T>(found: &Found<T>) -> Option<Span> {
    match found {
        Found::Unreadable { region, .. } => Some(*region),
        _ => None,
    }
}

/// The report's year from its title, when the title gives one.
pub fn report_year(doc: &Document) -> Option<i32> {
    doc.title_year()
}

/// The span of the part's heading, for findings about the part as a whole.
pub fn heading(doc: &Document, kind: SectionKind) -> Option<Span> {
    doc.section(kind).map(|s| s.heading.span)
}

/// Whether the report's prose (outside the statistics tables) holds one of `words`, without
/// copying the text: each word is searched once over the whole text.
pub fn prose_mentions(
    doc: &Document,
    searcher: &reportlint_core::aho_corasick::AhoCorasick,
    words: &[&str],
    except: &[&str],
) -> bool {
    let tables = doc.analysis::<Tables>();
    let mut regions = tables.regions();
    for region in [
        tables.proactive.as_ref().and_then(unreadable_region),
        tables.requests.as_ref().and_then(unreadable_region),
        tables.appeals.as_ref().and_then(unreadable_region),
    ] {
        regions.extend(region);
    }
    let text = doc.text();
    let in_table = |at: usize| regions.iter().any(|r| r.start <= at && at < r.end);
    let excepted = |at: usize, w: &str| {
        except.iter().any(|e| {
            e.find(w).is_some_and(|k| {
                at >= k && text.get(at - k..).is_some_and(|rest| rest.starts_with(e))
            })
        })
    };
    // One pass over the text for all the words (`searcher` is built from `words`, once).
    searcher.find_overlapping_iter(text).any(|m| {
        let w = words[m.pattern().as_usize()];
        !in_table(m.start()) && !excepted(m.start(), w)
    })
}

/// A searcher for `words`, built once per word list (`static … LazyLock`).
pub fn searcher(words: &[&str]) -> reportlint_core::aho_corasick::AhoCorasick {
    reportlint_core::aho_corasick::AhoCorasick::new(words).expect("plain words")
}
