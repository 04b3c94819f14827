//! Broadcast messages (issue 10): each in English and, when given, both
//! Chinese scripts; a reader sees their language or English; a message
//! stops showing at its end and when withdrawn.

use chrono::Duration;
use ssa_core::domain::Lang;
use ssa_core::{Clock, NewMessage};

use crate::common::{english, ready_user, refused_reason, Env};

on_both_backends!(
    a_message_shows_in_the_readers_language_and_falls_back_to_english,
    a_message_stops_showing_at_its_end_and_when_withdrawn,
);

async fn a_message_shows_in_the_readers_language_and_falls_back_to_english(env: Env) {
    ready_user(&env).await;
    let both = NewMessage::new(
        "Holiday hours",
        "Closed on 25 December.",
        Some("假期服務時間"),
        Some("12月25日休息。"),
        None,
        None,
        None,
    )
    .unwrap();
    env.ssa.post_message(&both).await.unwrap();
    let mut session = env.session().await;
    let home = env.ssa.home(&mut session).await.unwrap();
    let subject = &home.messages[0].subject;
    assert_eq!(subject.get(Lang::En), "Holiday hours");
    assert_eq!(subject.get(Lang::ZhHk), "假期服務時間");
    assert_eq!(
        subject.get(Lang::ZhCn),
        "Holiday hours",
        "no Simplified text: English"
    );
    let opened = env
        .ssa
        .open_message(&mut session, home.messages[0].id)
        .await
        .unwrap();
    assert_eq!(opened.body.get(Lang::ZhHk), "12月25日休息。");
    assert_eq!(opened.body.get(Lang::ZhCn), "Closed on 25 December.");

    // A Chinese subject without its body, or no English, is refused.
    let half = NewMessage::new("S", "B", Some("標題"), None, None, None, None).unwrap_err();
    assert!(refused_reason(half).contains("Traditional Chinese body"));
    let no_english = NewMessage::new("  ", "B", None, None, None, None, None).unwrap_err();
    assert!(refused_reason(no_english).contains("English subject"));
}

async fn a_message_stops_showing_at_its_end_and_when_withdrawn(env: Env) {
    ready_user(&env).await;
    let now = env.clock.now();
    let mut ending = english("Ends tomorrow", "Body");
    ending.ends_at = Some(now + Duration::days(1));
    let first = env.ssa.post_message(&ending).await.unwrap();
    let second = env
        .ssa
        .post_message(&english("Stays", "Body"))
        .await
        .unwrap();
    let mut past = english("Past", "Body");
    past.ends_at = Some(now - Duration::minutes(1));
    assert!(refused_reason(env.ssa.post_message(&past).await.unwrap_err()).contains("passed"));

    let mut session = env.session().await;
    assert_eq!(env.ssa.home(&mut session).await.unwrap().unread, 2);

    env.ssa.withdraw_message(&second).await.unwrap();
    let home = env.ssa.home(&mut session).await.unwrap();
    let shown: Vec<&str> = home.messages.iter().map(|m| m.reference.as_str()).collect();
    assert_eq!(shown, [first.as_str()]);
    assert_eq!(home.unread, 1);
    assert!(
        refused_reason(env.ssa.withdraw_message(&second).await.unwrap_err())
            .contains("withdrawn already")
    );

    env.clock.advance(Duration::days(1));
    let mut session = env.session().await;
    let home = env.ssa.home(&mut session).await.unwrap();
    assert!(home.messages.is_empty(), "ended and withdrawn: none shown");
    assert_eq!(home.unread, 0);
    let listed = env.ssa.posted_messages().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|m| !m.shown));
    assert!(listed.iter().any(|m| m.withdrawn_at.is_some()));
}
