//! The verification code (spec 3.2): case-sensitive, good for one check and
//! five minutes, spoken as the same code under the same rules, drawn for one
//! screen only; five wrong codes pause that screen alone, for a time that
//! doubles and survives a restart.

use chrono::Duration;
use ssa_core::domain::{Field, Rule};
use ssa_core::{CaptchaScreen, SsaError};

use crate::common::{cancellation, field_rules, secret, submit_on, Env, CODE};

on_both_backends!(
    verification_code_is_case_sensitive,
    verification_code_is_good_for_one_check_only,
    verification_code_expires_after_five_minutes,
    refresh_makes_the_old_code_useless,
    the_spoken_code_is_the_same_code_with_the_same_rules,
    five_wrong_codes_give_a_pause_that_doubles,
    five_wrong_codes_pause_that_screen_only,
    code_pause_survives_a_restart,
    code_drawn_for_one_screen_is_refused_on_another,
);

/// What a wrong code gets on `screen`.
async fn wrong_code_on(env: &Env, screen: CaptchaScreen) -> SsaError {
    match screen {
        CaptchaScreen::Registration => {
            let mut form = env.form("abcd1234", "abcdefghij123").await;
            form.captcha_answer = secret("zzzzz");
            env.ssa.submit_registration(&form).await.unwrap_err()
        }
        CaptchaScreen::Cancellation => {
            let mut form = cancellation(env, "abcd1234", "abcdefghij123").await;
            form.captcha_answer = secret("zzzzz");
            env.ssa.check_cancellation(&form).await.unwrap_err()
        }
        _ => unreachable!("not used here"),
    }
}

/// `count` wrong codes in a row on the Registration screen; what the last
/// one got.
async fn wrong_codes(env: &Env, count: usize) -> SsaError {
    for _ in 1..count {
        wrong_code_on(env, CaptchaScreen::Registration).await;
    }
    wrong_code_on(env, CaptchaScreen::Registration).await
}

/// Four wrong codes on the Registration screen, each said to be wrong; the
/// fifth starts a pause of 30 seconds.
async fn four_wrong_codes_then_a_pause(env: &Env) {
    for _ in 0..4 {
        let err = wrong_code_on(env, CaptchaScreen::Registration).await;
        assert_eq!(field_rules(&err), captcha(Rule::CaptchaWrong));
    }
    let err = wrong_code_on(env, CaptchaScreen::Registration).await;
    assert_eq!(
        field_rules(&err),
        captcha(Rule::CaptchaPaused { seconds: 30 })
    );
}

/// The field errors of a registration submitted with a right code.
async fn right_code_rules(env: &Env) -> Vec<(Field, Rule)> {
    field_rules(&env.submit("abcd1234", "abcdefghij123").await.unwrap_err())
}

fn captcha(rule: Rule) -> Vec<(Field, Rule)> {
    vec![(Field::Captcha, rule)]
}

async fn verification_code_is_case_sensitive(env: Env) {
    let mut form = env.form("abcd1234", "abcdefghij123").await;
    form.captcha_answer = secret(&CODE.to_lowercase());
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaWrong));
}

async fn verification_code_is_good_for_one_check_only(env: Env) {
    let form = env.form("abcd1234", "abcdefghij123").await;
    env.ssa.submit_registration(&form).await.expect("first use");
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    // Said as it is: already used, not "expired".
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaUsed));
}

async fn verification_code_expires_after_five_minutes(env: Env) {
    let form = env.form("abcd1234", "abcdefghij123").await;
    env.clock.advance(Duration::seconds(301));
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaExpired));

    let form = env.form("abcd1234", "abcdefghij123").await;
    env.clock.advance(Duration::seconds(299));
    env.ssa
        .submit_registration(&form)
        .await
        .expect("still fresh at 4:59");
}

async fn refresh_makes_the_old_code_useless(env: Env) {
    let mut form = env.form("abcd1234", "abcdefghij123").await;
    let fresh = env
        .ssa
        .refresh_captcha(CaptchaScreen::Registration, &form.captcha_id)
        .await
        .unwrap();
    assert_ne!(fresh.id, form.captcha_id);
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaExpired));
    form.captcha_id = fresh.id;
    env.ssa
        .submit_registration(&form)
        .await
        .expect("the new code works");
}

/// Listen plays the code on the screen: listening does not use it up or give
/// it more time, a code that is used, refreshed, too old or drawn for another
/// screen is not spoken, and a wrong answer after listening counts as wrong.
async fn the_spoken_code_is_the_same_code_with_the_same_rules(env: Env) {
    use ssa_core::Voice;
    let form = env.form("abcd1234", "abcdefghij123").await;
    for voice in [Voice::English, Voice::Cantonese, Voice::Mandarin] {
        let audio = env
            .ssa
            .captcha_audio(CaptchaScreen::Registration, &form.captcha_id, voice)
            .await
            .expect("spoken");
        assert!(audio.wav_base64.starts_with("UklGR"), "a RIFF file");
        // Nothing in what the window gets, or in its Debug, says the answer.
        assert!(!audio.wav_base64.contains(CODE));
        assert!(!format!("{audio:?}").contains(CODE));
    }
    let refused = async |screen, id: &str| {
        field_rules(
            &env.ssa
                .captcha_audio(screen, id, Voice::English)
                .await
                .unwrap_err(),
        )
    };
    assert_eq!(
        refused(CaptchaScreen::Recovery, &form.captcha_id).await,
        captcha(Rule::CaptchaExpired)
    );
    assert_eq!(
        refused(CaptchaScreen::Registration, "no-such-code").await,
        captcha(Rule::CaptchaExpired)
    );
    // The id carries the answer sealed: one changed character and it opens
    // nothing, and names no code.
    let mut forged = form.captcha_id.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == '0' { '1' } else { '0' });
    assert_eq!(
        refused(CaptchaScreen::Registration, &forged).await,
        captcha(Rule::CaptchaExpired)
    );
    assert!(!form.captcha_id.contains(CODE));

    // A wrong answer typed after listening is a wrong code.
    let mut wrong = env.form("abcd1234", "abcdefghij123").await;
    wrong.captcha_id = form.captcha_id.clone();
    wrong.captcha_answer = secret("zzzzz");
    let err = env.ssa.submit_registration(&wrong).await.unwrap_err();
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaWrong));
    assert_eq!(
        refused(CaptchaScreen::Registration, &form.captcha_id).await,
        captcha(Rule::CaptchaUsed)
    );

    let fresh = env.form("abcd1234", "abcdefghij123").await;
    env.clock.advance(Duration::seconds(301));
    assert_eq!(
        refused(CaptchaScreen::Registration, &fresh.captcha_id).await,
        captcha(Rule::CaptchaExpired)
    );
    let fresh = env.form("abcd1234", "abcdefghij123").await;
    let next = env
        .ssa
        .refresh_captcha(CaptchaScreen::Registration, &fresh.captcha_id)
        .await
        .unwrap();
    assert_eq!(
        refused(CaptchaScreen::Registration, &fresh.captcha_id).await,
        captcha(Rule::CaptchaExpired)
    );
    env.ssa
        .captcha_audio(CaptchaScreen::Registration, &next.id, Voice::Mandarin)
        .await
        .expect("the new code is spoken");
}

async fn five_wrong_codes_give_a_pause_that_doubles(env: Env) {
    four_wrong_codes_then_a_pause(&env).await;
    // Even the right code waits out the pause.
    assert_eq!(
        right_code_rules(&env).await,
        captcha(Rule::CaptchaPaused { seconds: 30 })
    );
    env.clock.advance(Duration::seconds(31));
    let err = wrong_codes(&env, 5).await;
    assert_eq!(
        field_rules(&err),
        captcha(Rule::CaptchaPaused { seconds: 60 })
    );
    env.clock.advance(Duration::seconds(61));
    env.submit("abcd1234", "abcdefghij123")
        .await
        .expect("after the pause");
}

async fn five_wrong_codes_pause_that_screen_only(env: Env) {
    env.provision_default().await;
    four_wrong_codes_then_a_pause(&env).await;
    // Even a right code waits on this screen...
    assert!(matches!(
        right_code_rules(&env).await[0],
        (Field::Captcha, Rule::CaptchaPaused { .. })
    ));
    // ...while another screen is not paused.
    let err = wrong_code_on(&env, CaptchaScreen::Cancellation).await;
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaWrong));
    // After the pause, a right code works again.
    env.clock.advance(Duration::seconds(31));
    env.register("abcd1234", "abcdefghij123").await.unwrap();
}

async fn code_pause_survives_a_restart(env: Env) {
    env.provision_default().await;
    wrong_codes(&env, 5).await;
    let restarted = env.restart().await.unwrap();
    let account = ["12345678", "C00088", "01"];
    let err = submit_on(&restarted, account, "abcd1234", "abcdefghij123")
        .await
        .unwrap_err();
    assert!(
        matches!(
            field_rules(&err)[0],
            (Field::Captcha, Rule::CaptchaPaused { .. })
        ),
        "{err:?}"
    );
    // Four more wrong codes after the pause: the next pause is twice as long.
    env.clock.advance(Duration::seconds(31));
    let err = wrong_codes(&env, 5).await;
    assert_eq!(
        field_rules(&err),
        captcha(Rule::CaptchaPaused { seconds: 60 })
    );
}

async fn code_drawn_for_one_screen_is_refused_on_another(env: Env) {
    env.provision_default().await;
    let mut form = env.form("abcd1234", "abcdefghij123").await;
    form.captcha_id = env
        .ssa
        .new_captcha(CaptchaScreen::Cancellation)
        .await
        .unwrap()
        .id;
    let err = env.ssa.submit_registration(&form).await.unwrap_err();
    assert_eq!(field_rules(&err), captcha(Rule::CaptchaWrong));
}
