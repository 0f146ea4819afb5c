//! What the content rules share: a part's text when it is whole, and the report's prose.

use reportlint_core::aho_corasick::{self, packed};
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
/// copying the text. `first`: the part where the words usually are, searched first (when it
/// holds one, the rest of the text is not read). Only the stretches between the tables are
/// searched, each with the longest word's length more after it, so that a word that starts
/// there is found whole.
pub fn prose_mentions(
    doc: &Document,
    searcher: &packed::Searcher,
    words: &[&str],
    except: &[&str],
    first: SectionKind,
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
    // The stretches outside the tables, cut where the part searched first begins and ends.
    let part = doc.section(first).map(|s| s.body);
    let mut cuts: Vec<usize> = Vec::with_capacity(2 * regions.len() + 4);
    cuts.push(0);
    for r in &regions {
        cuts.extend([r.start, r.end]);
    }
    cuts.extend(part.iter().flat_map(|p| [p.start, p.end]));
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces: Vec<Span> = cuts
        .windows(2)
        .map(|w| Span::new(w[0], w[1]))
        .filter(|p| !in_table(p.start))
        .collect();
    // The part's pieces first (a stable sort keeps the text's order otherwise).
    pieces.sort_by_key(|p| !part.is_some_and(|s| s.start <= p.start && p.start < s.end));
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let bytes = text.as_bytes();
    // Each place where a word starts, in each piece: the searcher (built from `words`, once)
    // gives the first from where the last one started, and every word starting there is
    // looked at, so that an excepted word (`行政事业性收费`) hides no other.
    pieces.iter().any(|p| {
        let end = (p.end + longest.saturating_sub(1)).min(bytes.len());
        let mut from = p.start;
        while let Some(m) = searcher.find_in(bytes, aho_corasick::Span::from(from..end)) {
            let at = m.start();
            if !in_table(at)
                && words
                    .iter()
                    .any(|w| bytes[at..end].starts_with(w.as_bytes()) && !excepted(at, w))
            {
                return true;
            }
            from = at + 1;
        }
        false
    })
}

/// A searcher for `words`, built once per word list (`static … LazyLock`): a packed (SIMD)
/// search for the first word from a place, much faster on Chinese text than an automaton that
/// reads every byte.
pub fn searcher(words: &[&str]) -> packed::Searcher {
    packed::Searcher::new(words).expect("a few plain words")
}
