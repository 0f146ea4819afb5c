use super::*;

fn found(name: &str) -> String {
    match resolve_agency(name) {
        Resolution::Found(p) => p.to_string(),
        other => panic!("{name}: expected Found, got {other:?}"),
    }
}

fn path(q: &str) -> RegionPath {
    lookup(q).unwrap_or_else(|| panic!("lookup({q}) failed"))
}

#[test]
fn seed_agencies() {
    assert_eq!(
        found("威海市文登区宋村镇人民政府"),
        "山东省 › 威海市 › 文登区 › 宋村镇"
    );
    assert_eq!(
        found("招远市金岭镇人民政府"),
        "山东省 › 烟台市 › 招远市 › 金岭镇"
    );
    assert_eq!(
        found("威海市文登区侯家镇人民政府"),
        "山东省 › 威海市 › 文登区 › 侯家镇"
    );
    let p = resolve_agency("威海市文登区宋村镇人民政府");
    assert_eq!(p.found().unwrap().code(), "371003106");
    assert_eq!(p.found().unwrap().level(), Level::Town);
}

#[test]
fn other_agencies() {
    assert_eq!(
        found("株洲市芦淞区市场监督管理局"),
        "湖南省 › 株洲市 › 芦淞区"
    );
    assert_eq!(found("如皋市市场监督管理局"), "江苏省 › 南通市 › 如皋市");
    assert_eq!(found("岐山县教育体育局"), "陕西省 › 宝鸡市 › 岐山县");
    assert_eq!(found("清水县教育局"), "甘肃省 › 天水市 › 清水县");
    assert_eq!(found("鄂尔多斯市生态环境局"), "内蒙古自治区 › 鄂尔多斯市");
    assert_eq!(
        found("东安区人民政府办公室"),
        "黑龙江省 › 牡丹江市 › 东安区"
    );
    assert_eq!(
        found("平潭综合实验区管理委员会"),
        "福建省 › 福州市 › 平潭县"
    );
    assert_eq!(
        found("山东省威海市文登区宋村镇人民政府"),
        "山东省 › 威海市 › 文登区 › 宋村镇"
    );
    assert_eq!(found("国家税务总局威海市税务局"), "山东省 › 威海市");
    assert_eq!(found("中共招远市委办公室"), "山东省 › 烟台市 › 招远市");
}

#[test]
fn skipped_levels_and_short_forms() {
    // County omitted: 宋村镇 is unique within 威海市.
    assert_eq!(
        found("威海市宋村镇人民政府"),
        "山东省 › 威海市 › 文登区 › 宋村镇"
    );
    // City omitted.
    assert_eq!(found("山东省文登区人民政府"), "山东省 › 威海市 › 文登区");
    // County alone, unique nationwide.
    assert_eq!(found("文登区人民政府"), "山东省 › 威海市 › 文登区");
    assert_eq!(
        found("烟台市金岭镇人民政府"),
        "山东省 › 烟台市 › 招远市 › 金岭镇"
    );
}

#[test]
fn ambiguous_towns() {
    let r = resolve_agency("金岭镇人民政府");
    let Resolution::Ambiguous(c) = &r else {
        panic!("expected Ambiguous, got {r:?}");
    };
    let shown: Vec<String> = c.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "山东省 › 淄博市 › 临淄区 › 金岭镇",
            "山东省 › 烟台市 › 招远市 › 金岭镇"
        ]
    );
    assert_eq!(r.candidates().len(), 2);
    // Still ambiguous when the province is given: both are in 山东.
    assert!(resolve_agency("山东省金岭镇人民政府").is_ambiguous());
    // 侯家镇 exists in 山东 and in 四川.
    assert!(resolve_agency("侯家镇人民政府").is_ambiguous());
    assert!(resolve_agency("朝阳区人民政府").is_ambiguous());
}

#[test]
fn municipalities() {
    assert_eq!(found("上海市人民政府办公厅"), "上海市");
    assert_eq!(found("上海市浦东新区人民政府"), "上海市 › 浦东新区");
    assert_eq!(found("北京市朝阳区人民政府"), "北京市 › 朝阳区");
    assert_eq!(found("重庆市城口县人民政府"), "重庆市 › 城口县");
    let sh = resolve_agency("上海市人民政府办公厅");
    let sh = sh.found().unwrap();
    assert_eq!(sh.level(), Level::Province);
    assert!(sh.city.is_none());
    let cy = path("北京市朝阳区");
    assert!(cy.city.is_none());
    assert_eq!(cy.code(), "110105");
    // Province-administered county-level city.
    assert_eq!(path("济源市").to_string(), "河南省 › 济源市");
    // A county row repeating the city name is not shown.
    assert_eq!(path("441900").to_string(), "广东省 › 东莞市");
    assert_eq!(path("东莞市").code(), "4419");
}

#[test]
fn substrings_that_are_not_places() {
    assert_eq!(resolve_agency("市场监督管理局"), Resolution::Unknown);
    assert_eq!(resolve_agency("市辖区"), Resolution::Unknown);
    assert_eq!(resolve_agency("人民政府办公室"), Resolution::Unknown);
    assert_eq!(resolve_agency(""), Resolution::Unknown);
    assert!(lookup("市辖区").is_none());
    assert!(lookup("县").is_none());
    // 城区 is a real county name but too generic to start a match.
    assert_eq!(resolve_agency("城区管理局"), Resolution::Unknown);
}

#[test]
fn lookup_by_name() {
    assert_eq!(path("威海市").to_string(), "山东省 › 威海市");
    assert_eq!(path("山东省").to_string(), "山东省");
    assert_eq!(path("山东").code(), "37");
    assert_eq!(path("内蒙古").code(), "15");
    assert_eq!(path("威海市文登区").to_string(), "山东省 › 威海市 › 文登区");
    assert_eq!(path(" 文登区 ").code(), "371003");
    assert_eq!(path("招远市金岭镇").code(), "370685103");
    assert!(lookup("金岭镇").is_none());
    assert!(lookup("威海市文登区人民政府").is_none());
    assert!(lookup("").is_none());
}

#[test]
fn lookup_by_code() {
    assert_eq!(path("37").to_string(), "山东省");
    assert_eq!(path("3710").to_string(), "山东省 › 威海市");
    assert_eq!(path("371003").to_string(), "山东省 › 威海市 › 文登区");
    assert_eq!(
        path("371003106").to_string(),
        "山东省 › 威海市 › 文登区 › 宋村镇"
    );
    assert_eq!(path("371003106000").code(), "371003106");
    assert_eq!(path("370000").code(), "37");
    assert_eq!(path("371000").code(), "3710");
    assert!(lookup("99").is_none());
    assert!(lookup("371").is_none());
    assert!(lookup("371003999").is_none());
}

#[test]
fn path_helpers() {
    let town = path("371003106");
    let names: Vec<_> = town.names().collect();
    assert_eq!(names, ["山东省", "威海市", "文登区", "宋村镇"]);
    assert_eq!(town.division().name, "宋村镇");
    assert!(path("威海市").contains(&town));
    assert!(town.contains(&town));
    assert!(!town.contains(&path("威海市")));
    assert!(!path("烟台市").contains(&town));
    assert!(town.is_within("威海市"));
    assert!(town.is_within("37"));
    assert!(town.is_within("371003106"));
    assert!(!town.is_within("烟台市"));
    assert!(!town.is_within("不存在的地方"));
    assert!(path("上海市").contains(&path("上海市浦东新区")));
    assert_eq!(town.parent().unwrap().code(), "371003");
    assert_eq!(path("北京市朝阳区").parent().unwrap().code(), "11");
    assert!(path("37").parent().is_none());
}

#[test]
fn area_codes() {
    assert_eq!(area_code(&path("威海市")), Some("0631"));
    assert_eq!(area_code(&path("威海市文登区")), Some("0631"));
    assert_eq!(area_code(&path("371003106")), Some("0631"));
    assert_eq!(area_code(&path("招远市")), Some("0535"));
    assert_eq!(area_code(&path("济南市")), Some("0531"));
    assert_eq!(area_code(&path("北京市朝阳区")), Some("010"));
    assert_eq!(area_code(&path("上海市")), Some("021"));
    assert_eq!(area_code(&path("天津市")), Some("022"));
    assert_eq!(area_code(&path("重庆市城口县")), Some("023"));
    assert_eq!(area_code(&path("株洲市芦淞区")), Some("0731"));
    assert_eq!(area_code(&path("湘潭市")), Some("0731"));
    assert_eq!(area_code(&path("如皋市")), Some("0513"));
    assert_eq!(area_code(&path("岐山县")), Some("0917"));
    assert_eq!(area_code(&path("清水县")), Some("0938"));
    assert_eq!(area_code(&path("鄂尔多斯市")), Some("0477"));
    assert_eq!(area_code(&path("龙泉市")), Some("0578"));
    assert_eq!(area_code(&path("东莞市")), Some("0769"));
    assert_eq!(area_code(&path("仙桃市")), Some("0728"));
    assert_eq!(area_code(&path("469001")), Some("0898"));
    assert_eq!(area_code(&path("格尔木市")), Some("0979"));
    // Not listed, or listed as uncertain.
    assert_eq!(area_code(&path("抚顺市")), None);
    assert_eq!(area_code(&path("开封市")), None);
    assert_eq!(area_code(&path("莱芜区")), None);
    assert_eq!(area_code(&path("659002")), None);
}

#[test]
fn area_code_table_matches_divisions() {
    let mut seen = std::collections::HashSet::new();
    for (code, name, area) in area::rows() {
        assert!(seen.insert(code), "duplicate row for {code}");
        let p = lookup(code).unwrap_or_else(|| panic!("unknown code {code} ({name})"));
        assert_eq!(p.code(), code, "{code} resolves to a different division");
        assert_eq!(p.name(), name, "name mismatch for {code}");
        assert!(
            area == "-"
                || (area.starts_with('0')
                    && (3..=4).contains(&area.len())
                    && area.bytes().all(|b| b.is_ascii_digit())),
            "bad area code {area:?} for {code}"
        );
    }
    assert!(seen.len() > 300);
}

#[test]
fn postcodes() {
    let weihai = path("威海市");
    assert_eq!(postcode_fits_province("264400", &weihai), Some(true));
    assert_eq!(postcode_fits_province("100000", &weihai), Some(false));
    assert_eq!(postcode_fits_province("2644", &weihai), Some(false));
    assert_eq!(
        postcode_fits_province("100020", &path("北京市朝阳区")),
        Some(true)
    );
    assert_eq!(
        postcode_fits_province("137400", &path("兴安盟")),
        Some(true)
    );
    assert_eq!(
        postcode_fits_province("137400", &path("呼和浩特市")),
        Some(false)
    );
    assert_eq!(postcode_prefixes("37"), ["25", "26", "27"]);
    assert_eq!(postcode_prefixes("15"), ["01", "02"]);
    assert!(postcode_prefixes("99").is_empty());
    // Every province has prefixes.
    for code in [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65",
    ] {
        assert!(lookup(code).is_some(), "{code}");
        assert!(!postcode_prefixes(code).is_empty(), "{code}");
    }
}

#[test]
fn data_shape() {
    let d = data();
    assert_eq!(d.level_start[1] - d.level_start[0], 31);
    assert_eq!(d.level_start[2] - d.level_start[1], 342);
    assert_eq!(d.level_start[3] - d.level_start[2], 2978);
    assert_eq!(d.level_start[4] - d.level_start[3], 41352);
    // Every non-province has a parent, and its code extends the parent's.
    for (i, n) in d.nodes.iter().enumerate() {
        let p = d.parent[i];
        if n.level == Level::Province {
            assert_eq!(p, NONE);
        } else {
            assert_ne!(p, NONE, "{} has no parent", n.code);
            assert!(n.code.starts_with(d.node(p).code));
        }
    }
}
