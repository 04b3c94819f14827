//! Password changes (spec 3.6, 3.7): histories that count the current password.

use ssa_core::domain::{Field, Rule};
use ssa_core::SsaError;

use crate::common::{field_rules, ready_user, Env};

on_both_backends!(
    basic_password_may_not_repeat_any_of_the_last_12,
    internet_password_may_not_repeat_any_of_the_last_5,
    wrong_current_basic_password_counts_toward_the_lock,
    wrong_current_internet_password_says_how_many_tries_are_left,
);

async fn basic_password_may_not_repeat_any_of_the_last_12(env: Env) {
    ready_user(&env).await; // history: 11112222 (initial), 22223333 (current)
    let mut session = env.session().await;
    let mut current = "22223333".to_owned();
    // Ten more: 12 in the history, the current one included.
    for n in 0..10 {
        let new = format!("3000000{n}");
        env.change_basic(&mut session, &current, &new)
            .await
            .expect("fresh password");
        current = new;
    }
    let err = env
        .change_basic(&mut session, &current, "11112222")
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewBasicPassword, Rule::Reused { count: 12 })]
    );
    // One more change pushes the initial password out of the last 12.
    env.change_basic(&mut session, &current, "40000000")
        .await
        .unwrap();
    env.change_basic(&mut session, "40000000", "11112222")
        .await
        .expect("13th back is allowed");
}

async fn internet_password_may_not_repeat_any_of_the_last_5(env: Env) {
    ready_user(&env).await;
    let mut session = env.session().await;
    let mut current = "abcdefghij123".to_owned();
    for n in 1..=4 {
        let new = format!("newpassword00{n}");
        env.change_internet(&mut session, &current, &new)
            .await
            .unwrap();
        current = new;
    }
    // Last 5: abcdefghij123, newpassword001..004 (current).
    let err = env
        .change_internet(&mut session, &current, "abcdefghij123")
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewInternetPassword, Rule::Reused { count: 5 })]
    );
    env.change_internet(&mut session, &current, "newpassword005")
        .await
        .unwrap();
    env.change_internet(&mut session, "newpassword005", "abcdefghij123")
        .await
        .expect("6th back is allowed");
    assert!(env.login("abcd1234", "abcdefghij123").await.is_ok());
}

async fn wrong_current_basic_password_counts_toward_the_lock(env: Env) {
    ready_user(&env).await;
    let mut session = env.session().await;
    for left in (1..=4).rev() {
        let err = env
            .change_basic(&mut session, "99990000", "55556666")
            .await
            .unwrap_err();
        assert_eq!(
            err,
            SsaError::CurrentBasicPasswordWrong {
                attempts_left: left
            }
        );
    }
    let err = env
        .change_basic(&mut session, "99990000", "55556666")
        .await
        .unwrap_err();
    assert_eq!(err, SsaError::BasicAccountLocked);
    let err = env
        .change_basic(&mut session, "22223333", "55556666")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SsaError::BasicAccountLocked,
        "even the right one, until the operator unlocks"
    );
}

async fn wrong_current_internet_password_says_how_many_tries_are_left(env: Env) {
    ready_user(&env).await;
    let mut session = env.session().await;
    let err = env
        .change_internet(&mut session, "abcdefghij999", "abcdefghij456")
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SsaError::CurrentInternetPasswordWrong { attempts_left: 4 }
    );
    let err = env
        .change_internet(&mut session, "abcdefghij123", "abcdefghij123")
        .await
        .unwrap_err();
    assert_eq!(
        field_rules(&err),
        vec![(Field::NewInternetPassword, Rule::SameAsCurrent)]
    );
}
