//! The page map of a paged document (PDF): where each printed line of the text sits on its
//! page. A span maps to a page without any rule or output knowing the format; plain text,
//! Word and web pages have no page map.

use serde::{Deserialize, Serialize};

/// One printed line: the byte offset where its text starts, its page (1-based) and its line
/// on the page (1-based, counting every printed line from the top of the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLine {
    pub offset: usize,
    pub page: u32,
    pub line: u32,
}

/// A position for people in a paged document: 1-based page and 1-based line on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PagePos {
    pub page: u32,
    pub line: u32,
}

/// The printed lines of a document in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMap {
    count: u32,
    lines: Vec<PageLine>,
}

impl PageMap {
    /// A page map from its lines (sorted here by offset) and the number of pages.
    pub fn new(count: u32, mut lines: Vec<PageLine>) -> PageMap {
        lines.sort_by_key(|l| l.offset);
        PageMap { count, lines }
    }

    /// Number of pages.
    pub fn page_count(&self) -> u32 {
        self.count
    }

    pub fn lines(&self) -> &[PageLine] {
        &self.lines
    }

    /// The page and line on the page of the printed line holding byte `offset`: the last one
    /// starting at or before it.
    pub fn locate(&self, offset: usize) -> Option<PagePos> {
        let i = self.lines.partition_point(|l| l.offset <= offset);
        let l = self.lines.get(i.checked_sub(1)?)?;
        Some(PagePos {
            page: l.page,
            line: l.line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_the_printed_line_they_fall_in() {
        let map = PageMap::new(
            2,
            vec![
                PageLine {
                    offset: 10,
                    page: 1,
                    line: 2,
                },
                PageLine {
                    offset: 0,
                    page: 1,
                    line: 1,
                },
                PageLine {
                    offset: 40,
                    page: 2,
                    line: 1,
                },
            ],
        );
        assert_eq!(map.locate(0), Some(PagePos { page: 1, line: 1 }));
        assert_eq!(map.locate(9), Some(PagePos { page: 1, line: 1 }));
        assert_eq!(map.locate(10), Some(PagePos { page: 1, line: 2 }));
        assert_eq!(map.locate(1000), Some(PagePos { page: 2, line: 1 }));
        assert_eq!(PageMap::default().locate(3), None);
        assert_eq!(map.page_count(), 2);
    }
}
