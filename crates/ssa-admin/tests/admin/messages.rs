//! `message`: a broadcast message in three languages is posted, listed and
//! withdrawn; a Chinese subject without its body is refused.

use crate::common::{ok, on_each_backend, refused};

#[test]
fn messages_in_three_languages_are_posted_listed_and_withdrawn_on_both_backends() {
    on_each_backend("messages", |b| {
        let out = ok(&b.run(&[
            "message",
            "post",
            "--subject-en",
            "Holiday",
            "--body-en",
            "Closed.",
            "--subject-zh-hk",
            "假期",
            "--body-zh-hk",
            "休息。",
            "--until",
            "2099-12-31",
        ]));
        assert_eq!(out, "posted 00001\n");
        let err = refused(&b.run(&[
            "message",
            "post",
            "--subject-en",
            "S",
            "--body-en",
            "B",
            "--subject-zh-cn",
            "标题",
        ]));
        assert!(err.contains("Simplified Chinese body is empty"), "{err}");
        let listed = ok(&b.run(&["message", "list", "--json"]));
        let first: serde_json::Value =
            serde_json::from_str(listed.lines().next().unwrap()).unwrap();
        assert_eq!(first["subject"]["zh_hk"], "假期");
        assert_eq!(first["shown"], true);
        ok(&b.run(&["message", "withdraw", "00001"]));
        let table = ok(&b.run(&["message", "list"]));
        assert!(table.contains("withdrawn"), "{table}");
        refused(&b.run(&["message", "withdraw", "00001"]));
    });
}
