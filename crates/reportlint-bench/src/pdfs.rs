//! `pdf-sizes`: the size series of text PDFs (1, 10, 100, 600 pages by default), made here and
//! checked with the release binary, to show that time and memory grow linearly with pages.
//!
//! Each page is a printed A4 page of a report: a running header, 30 lines of CJK body text set
//! glyph by glyph (`TJ` with positions, as WPS writes), a small ruled table, a page number
//! `- N -`, and a 64 KiB picture (never decoded: its data is dropped as it is parsed), so that
//! 600 pages weigh about 40 MB like the published PDFs the issue timed. Content streams are
//! Flate-compressed, as Word, WPS and every other PDF writer writes them.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const BODY: &str = "本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，进一步加强政府信息公开工作，全年主动公开政府信息一千二百余条，及时回应社会关切，不断提升政务公开质量和实效。";

/// A PDF of `pages` pages.
pub fn make(pages: usize) -> Vec<u8> {
    let chars: Vec<char> = BODY.chars().collect();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 descendant, 5 tounicode, 6 descriptor, then per page:
    // page, content, image.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: String = (0..pages).map(|i| format!("{} 0 R ", 7 + 3 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes());
    objects.push(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".to_vec());
    objects.push(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>".to_vec());
    // The ToUnicode map lists the characters the file uses, as a subset font's does
    // (pdf-extract rebuilds each font's map on every page: a map of all 65,536 codes would
    // cost about 15 ms a page by itself).
    let mut used: Vec<u16> = BODY
        .chars()
        .chain("某某县人民政府政府信息公开工作年度报告信息内容规章行政规范性文件本年制发废止现行有效-0123456789 ".chars())
        .flat_map(|c| {
            let mut b = [0u16; 2];
            c.encode_utf16(&mut b).to_vec()
        })
        .collect();
    used.sort_unstable();
    used.dedup();
    let entries: String = used
        .iter()
        .map(|u| format!("<{u:04X}> <{u:04X}>\n"))
        .collect();
    let cmap = format!("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange {} beginbfchar\n{entries}endbfchar endcmap CMapName currentdict /CMap defineresource pop end end", used.len());
    objects.push(
        format!(
            "<< /Length {} >>\nstream\n{cmap}\nendstream",
            cmap.len() + 1
        )
        .into_bytes(),
    );
    objects.push(b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>".to_vec());
    let hex = |s: &str| -> String { s.encode_utf16().map(|u| format!("{u:04X}")).collect() };
    let mut k = 0usize;
    for p in 0..pages {
        let mut c = String::new();
        let _ = writeln!(
            c,
            "BT /F1 10.5 Tf 1 0 0 1 200 800 Tm <{}> Tj ET",
            hex("某某县人民政府政府信息公开工作年度报告")
        );
        let mut y = 760.0;
        for line in 0..30 {
            let x = if line % 6 == 0 { 104.0 } else { 72.0 };
            let n = if line % 6 == 5 {
                12
            } else if x > 100.0 {
                26
            } else {
                28
            };
            let _ = write!(c, "BT /F1 16 Tf 1 0 0 1 {x} {y} Tm [");
            for i in 0..n {
                let ch = chars[k % chars.len()];
                k += 1;
                let _ = write!(c, "<{}>", hex(&ch.to_string()));
                if i + 1 < n {
                    c.push_str("-2 "); // a little justification
                }
            }
            c.push_str("] TJ ET\n");
            y -= 20.0;
        }
        // A ruled table of three rows.
        for r in 0..4 {
            let ry = 150.0 - 20.0 * r as f64;
            let _ = writeln!(c, "0.5 w 72 {ry} m 520 {ry} l S");
        }
        for x in [72.0, 250.0, 340.0, 430.0, 520.0] {
            let _ = writeln!(c, "{x} 90 m {x} 150 l S");
        }
        for (r, label) in ["信息内容", "规章", "行政规范性文件"].iter().enumerate() {
            let ry = 135.0 - 20.0 * r as f64;
            let _ = writeln!(c, "BT /F1 10 Tf 1 0 0 1 76 {ry} Tm <{}> Tj ET", hex(label));
            for (j, x) in [254.0, 344.0, 434.0].iter().enumerate() {
                let cell = if r == 0 {
                    ["本年制发", "本年废止", "现行有效"][j].to_owned()
                } else {
                    format!("{}", (p + r + j) % 97)
                };
                let _ = writeln!(c, "BT /F1 10 Tf 1 0 0 1 {x} {ry} Tm <{}> Tj ET", hex(&cell));
            }
        }
        let _ = writeln!(
            c,
            "BT /F1 14 Tf 1 0 0 1 280 40 Tm <{}> Tj ET",
            hex(&format!("- {} -", p + 1))
        );
        c.push_str("q 100 0 0 60 400 60 cm /Im1 Do Q\n");
        let page_id = 7 + 3 * p;
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 {} 0 R >> >> /Contents {} 0 R >>", page_id + 2, page_id + 1).into_bytes());
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(c.as_bytes()).unwrap();
        let z = z.finish().unwrap();
        let mut content =
            format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", z.len()).into_bytes();
        content.extend_from_slice(&z);
        content.extend_from_slice(b"\nendstream");
        objects.push(content);
        let mut img = format!("<< /Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {} >>\nstream\n", 64 * 1024).into_bytes();
        let mut seed = (p as u32).wrapping_mul(2_654_435_761).wrapping_add(1);
        for _ in 0..64 * 1024 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            img.push(seed as u8);
        }
        img.extend_from_slice(b"\nendstream");
        objects.push(img);
    }
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(obj);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Writes the series into `dir` and times `reportlint check --format json` on each file (`bin`),
/// run as a child of a fresh `reportlint-bench exec` so that the peak RSS and the CPU time
/// (`getrusage(RUSAGE_CHILDREN)`: the check and its worker processes) are this command's alone.
/// The largest process is counted, not the sum: the worker holds the file and the parsed PDF,
/// the main process the file and the document.
pub fn series(dir: &Path, sizes: &[usize], bin: &str) {
    std::fs::create_dir_all(dir).unwrap();
    println!("| pages | MB | wall s | CPU s | peak RSS (MB) | CPU ms per page |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().unwrap();
    for &n in sizes {
        let path = dir.join(format!("report-{n}p.pdf"));
        let bytes = make(n);
        std::fs::write(&path, &bytes).unwrap();
        let start = Instant::now();
        let out = Command::new(&me)
            .args([
                "exec",
                bin,
                "check",
                "--format",
                "json",
                "--max-file-size",
                "100",
            ])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .expect("spawn");
        let wall = start.elapsed().as_secs_f64();
        let err = String::from_utf8_lossy(&out.stderr);
        let value = |key: &str| -> f64 {
            err.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(f64::NAN)
        };
        let (rss, cpu) = (value("maxrss_kb=") / 1024.0, value("cpu_s="));
        println!(
            "| {n} | {:.1} | {wall:.2} | {cpu:.2} | {rss:.0} | {:.1} |",
            bytes.len() as f64 / 1e6,
            cpu * 1000.0 / n as f64
        );
        let _ = std::fs::remove_file(&path);
    }
}
