//! The codes: drawn, spoken, judged once, and kept apart by screen.

use super::*;

#[test]
fn every_code_character_is_in_the_font() {
    for &c in CAPTCHA_CHARS {
        assert!(glyphs::can_draw(c), "{c} cannot be drawn");
    }
}

#[test]
fn every_code_character_is_spoken_in_three_languages() {
    for voice in [Voice::English, Voice::Cantonese, Voice::Mandarin] {
        for &c in CAPTCHA_CHARS {
            assert!(speech::can_say(voice, c), "{c} is not said in {voice:?}");
        }
    }
}

#[test]
fn a_spoken_code_is_a_wav_of_a_few_seconds() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    for voice in [Voice::English, Voice::Cantonese, Voice::Mandarin] {
        let wav = speech::speak("aB3mT", voice, &mut rng);
        assert_eq!(&wav[..4], b"RIFF");
        assert_eq!(&wav[8..16], b"WAVEfmt ");
        let rate = u32::from_le_bytes([wav[24], wav[25], wav[26], wav[27]]);
        assert_eq!(rate, speech::SAMPLE_RATE);
        let data = u32::from_le_bytes([wav[40], wav[41], wav[42], wav[43]]) as usize;
        assert_eq!(data + 44, wav.len());
        let secs = data as f64 / 2.0 / f64::from(rate);
        // Five characters said with their case, with pauses: long enough
        // to say them, short enough to listen to twice.
        assert!((4.0..20.0).contains(&secs), "{voice:?}: {secs} s");
    }
}

#[test]
fn listening_again_to_one_code_gives_the_same_sound() {
    // A code's sound comes from its seed, kept sealed in its id: the same
    // code gives the same sound in one voice each time (tests/core/captcha.rs
    // listens through the service).
    let listen = |seed, voice| spoken("aB3mT", seed, voice).wav_base64;
    let first = listen(7, Voice::English);
    for _ in 0..3 {
        assert_eq!(listen(7, Voice::English), first);
    }
    assert_ne!(listen(7, Voice::Cantonese), first);
    assert_ne!(listen(8, Voice::English), first);
}

/// The highest normalised cross-correlation of `a` and `b` at any lag
/// up to `lags` samples either way.
fn best_match(a: &[f32], b: &[f32], lags: usize) -> f32 {
    let n = a.len().min(b.len());
    let energy = |x: &[f32]| x.iter().map(|v| v * v).sum::<f32>().sqrt();
    (0..=2 * lags)
        .map(|l| {
            let (x, y) = if l < lags {
                (&a[lags - l..n], &b[..n - (lags - l)])
            } else {
                (&a[..n - (l - lags)], &b[l - lags..n])
            };
            let dot: f32 = x.iter().zip(y).map(|(p, q)| p * q).sum();
            dot / (energy(x) * energy(y)).max(1.0)
        })
        .fold(0.0, f32::max)
}

/// Matched filtering finds a character by how closely the track follows
/// its clip. Said five times in one code, the same character never
/// follows itself closely: no one clip lines up with it.
#[test]
fn a_character_is_said_differently_each_time() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    for voice in [Voice::English, Voice::Cantonese, Voice::Mandarin] {
        let spoken = speech::compose("aaaaa", voice, &mut rng);
        let heard: Vec<&[f32]> = spoken
            .said
            .iter()
            .map(|s| &spoken.track[s.at..s.at + s.clean.len()])
            .collect();
        assert!(spoken.said.iter().map(|s| s.ch).eq("aaaaa".chars()));
        for i in 0..5 {
            for j in i + 1..5 {
                let m = best_match(heard[i], heard[j], 200);
                assert!(m < 0.5, "{voice:?}: characters {i} and {j} match at {m}");
            }
        }
    }
}

fn png_size(png: &[u8]) -> (u32, u32) {
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn drawn_code_uses_only_unambiguous_characters() {
    let (answer, png) = draw(None);
    assert_eq!(answer.chars().count(), CAPTCHA_LEN as usize);
    assert!(answer.chars().all(|c| CAPTCHA_CHARS.contains(&c)));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(png_size(&png), (CAPTCHA_WIDTH, CAPTCHA_HEIGHT));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(100))]
    /// Any seed and any code the app can ask for (the fixed answers of
    /// the test build included) give a whole PNG of the expected size.
    #[test]
    fn drawing_never_fails(seed: u64, text in "[\\PC]{0,12}") {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let code = random_code(&mut rng);
        for t in [code.as_str(), text.as_str()] {
            let png = draw::draw(t, &mut rng);
            proptest::prop_assert_eq!(&png[..4], b"\x89PNG");
            proptest::prop_assert_eq!(png_size(&png), (CAPTCHA_WIDTH, CAPTCHA_HEIGHT));
        }
    }
}
