//! "Did you mean": the rule id closest to a misspelt one.
//!
//! Used wherever a rule id is accepted (`--select`, `[rules]` keys, `explain`, directives), so
//! that `structure/titel` gets `是否指 structure/title？` and a bare name (`title`) gets its
//! full id.

/// The id or rule group (`tables`) among `ids` that `input` most likely means, or `None` when
/// none is close enough. Groups are the parts of the ids before their `/`.
pub fn closest<'a, I>(input: &str, ids: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.trim().trim_end_matches('/').to_lowercase();
    if input.is_empty() {
        return None;
    }
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut groups: Vec<&str> = ids
        .iter()
        .filter_map(|id| id.split_once('/'))
        .map(|(g, _)| g)
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let (_, input_name) = input.split_once('/').unwrap_or(("", &input));

    // (distance, length of what was compared, candidate): the smallest distance wins.
    let mut best: Option<(usize, &str)> = None;
    let mut consider = |d: usize, compared_len: usize, candidate: &'a str| {
        if d == 0 && candidate == input {
            return;
        }
        // One edit in four characters at most (at least one edit allowed).
        if d > (compared_len / 4).max(1) {
            return;
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    };
    for &id in &ids {
        consider(distance(&input, id), id.chars().count(), id);
        // The rule's own name, with or without a (wrong) group: `title`, `style/title`.
        if let Some((_, name)) = id.split_once('/') {
            let d = distance(input_name, name);
            // A bare name needs to be close to the name; a name under a wrong group, exact.
            if input_name.len() == input.len() || d == 0 {
                consider(d, name.chars().count(), id);
            }
        }
    }
    for &g in &groups {
        consider(distance(&input, g), g.chars().count(), g);
    }
    best.map(|(_, c)| c.to_owned())
}

/// What follows “unknown rule `input`” in a message: the closest id when there is one, and where
/// to find every id: `，是否指 structure/title？用 `reportlint rules` 查看全部规则`.
pub fn unknown_rule_hint<'a, I>(input: &str, ids: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    match closest(input, ids) {
        Some(id) => format!("，是否指 {id}？用 `reportlint rules` 查看全部规则"),
        None => "；用 `reportlint rules` 查看全部规则".to_owned(),
    }
}

/// The optimal string alignment distance (Levenshtein with transpositions) in characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: &[&str] = &[
        "structure/title",
        "structure/signature",
        "tables/sums",
        "tables/layout",
        "contact/phone",
        "format/no-text-layer",
        "directive/unknown-rule",
    ];

    fn s(input: &str) -> Option<String> {
        closest(input, IDS.iter().copied())
    }

    #[test]
    fn misspelt_ids() {
        assert_eq!(s("structure/titel").as_deref(), Some("structure/title"));
        assert_eq!(s("structure/tittle").as_deref(), Some("structure/title"));
        assert_eq!(s("tables/sum").as_deref(), Some("tables/sums"));
        assert_eq!(s("Tables/Sums2").as_deref(), Some("tables/sums"));
        assert_eq!(s("contact/phnoe").as_deref(), Some("contact/phone"));
    }

    #[test]
    fn bare_names_and_wrong_groups() {
        assert_eq!(s("title").as_deref(), Some("structure/title"));
        assert_eq!(s("signatur").as_deref(), Some("structure/signature"));
        assert_eq!(s("no-text-layer").as_deref(), Some("format/no-text-layer"));
        assert_eq!(s("style/title").as_deref(), Some("structure/title"));
    }

    #[test]
    fn groups() {
        assert_eq!(s("tabels").as_deref(), Some("tables"));
        assert_eq!(s("structur").as_deref(), Some("structure"));
    }

    #[test]
    fn nothing_close() {
        assert_eq!(s("completely-different"), None);
        assert_eq!(s("xyz/abc"), None);
        assert_eq!(s(""), None);
        // An exact id is no misspelling.
        assert_eq!(s("tables/sums"), None);
    }

    #[test]
    fn hints() {
        assert_eq!(
            unknown_rule_hint("structure/titel", IDS.iter().copied()),
            "，是否指 structure/title？用 `reportlint rules` 查看全部规则"
        );
        assert_eq!(
            unknown_rule_hint("zzz", IDS.iter().copied()),
            "；用 `reportlint rules` 查看全部规则"
        );
    }

    #[test]
    fn distances() {
        assert_eq!(distance("titel", "title"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("规则", "规划"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
