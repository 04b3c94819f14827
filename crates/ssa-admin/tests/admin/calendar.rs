//! `maintenance` and `holiday`: special maintenance windows in Hong Kong
//! time, scheduled, listed and cancelled; public holidays added, imported
//! by year (a bad file names its line), listed and removed.

use crate::common::{ok, on_each_backend, refused};

#[test]
fn maintenance_windows_and_holidays_on_both_backends() {
    on_each_backend("calendar", |b| {
        // Special maintenance, Hong Kong time.
        let out = ok(&b.run(&[
            "maintenance",
            "schedule",
            "--start",
            "2099-01-02 22:00",
            "--end",
            "2099-01-03 02:00",
        ]));
        assert!(
            out.contains("2099-01-02 22:00 to 2099-01-03 02:00"),
            "{out}"
        );
        let id = out.split([' ', ':']).nth(1).unwrap().to_owned();
        let err = refused(&b.run(&[
            "maintenance",
            "schedule",
            "--start",
            "tomorrow",
            "--end",
            "2099-01-03 02:00",
        ]));
        assert!(err.contains("--start"), "{err}");
        let listed = ok(&b.run(&["maintenance", "list", "--json"]));
        let window: serde_json::Value = serde_json::from_str(listed.trim()).unwrap();
        assert_eq!(window["id"].to_string(), id);
        ok(&b.run(&["maintenance", "cancel", &id]));
        assert!(ok(&b.run(&["maintenance", "list"])).contains("cancelled"));
        refused(&b.run(&["maintenance", "cancel", &id]));

        // Holidays.
        ok(&b.run(&[
            "holiday",
            "add",
            "2099-12-25",
            "--name-en",
            "Christmas Day",
            "--name-zh-hk",
            "聖誕節",
        ]));
        // A year's file `name` holding `line` under the header, imported.
        let import = |name: &str, line: &str| {
            let file = b.path(name);
            std::fs::write(
                &file,
                format!("date,name_en,name_zh_hk,name_zh_cn\n{line}\n"),
            )
            .unwrap();
            b.run(&["holiday", "import", file.to_str().unwrap()])
        };
        assert!(
            ok(&import("h.csv", "2100-01-01,New Year,,")).contains("imported 1 holidays for 2100")
        );
        assert!(refused(&import("hbad.csv", "2100-13-01,Bad,,")).contains("line 2"));
        let listed = ok(&b.run(&["holiday", "list"]));
        assert!(
            listed.contains("2099-12-25")
                && listed.contains("聖誕節")
                && listed.contains("2100-01-01"),
            "{listed}"
        );
        ok(&b.run(&["holiday", "remove", "2099-12-25"]));
        assert_eq!(
            ok(&b.run(&["holiday", "list", "--year", "2099", "--json"])),
            ""
        );
        refused(&b.run(&["holiday", "remove", "2099-12-25"]));
    });
}
