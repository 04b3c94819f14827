//! Draws verification codes with their answers, for measuring them against
//! solvers and for looking at them. Never part of the app.
//!
//! ```text
//! captcha-lab images DIR N [FIRST_SEED]   # DIR/00000.png ... and DIR/answers.txt
//! captcha-lab sheet FILE.png [FIRST_SEED] # twenty codes with their answers
//! captcha-lab time N                      # mean time to draw one code and to speak one
//! captcha-lab speak FILE.wav LANG [SEED]  # one spoken code (en, yue or cmn)
//! captcha-lab sounds DIR N LANG [FIRST_SEED] # DIR/00000.wav ... and DIR/answers.txt,
//!                                          # with each character as said
//!                                          # (DIR/00000.clean: f32 LE samples)
//! ```

use std::io::Write;
use std::time::Instant;

use ssa_core::security::captcha::{lab, Voice};

fn main() {
    if let Err(e) = run() {
        eprintln!("captcha-lab: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| -> Result<u64, String> {
        args.get(i)
            .map(|a| a.parse().map_err(|_| format!("not a number: {a}")))
            .unwrap_or(Ok(default))
    };
    match args.first().map(String::as_str) {
        Some("images") => {
            let dir = args.get(1).ok_or("images needs DIR")?;
            let n = number(2, 1000)?;
            let first = number(3, 1)?;
            std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
            let mut answers = std::fs::File::create(format!("{dir}/answers.txt"))
                .map_err(|e| format!("{dir}/answers.txt: {e}"))?;
            for i in 0..n {
                let (answer, png) = lab::draw(first + i);
                let name = format!("{i:05}.png");
                std::fs::write(format!("{dir}/{name}"), png).map_err(|e| e.to_string())?;
                writeln!(answers, "{name} {answer}").map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Some("sheet") => {
            let file = args.get(1).ok_or("sheet needs FILE")?;
            let first = number(2, 1_000_001)?;
            let seeds: Vec<u64> = (first..first + 20).collect();
            std::fs::write(file, lab::sheet(&seeds)).map_err(|e| format!("{file}: {e}"))
        }
        Some("time") => {
            let n = number(1, 1000)?.max(1);
            let start = Instant::now();
            let mut bytes = 0;
            for i in 0..n {
                bytes += lab::draw(i).1.len();
            }
            let each = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
            println!("drawn: {n} codes, {each:.2} ms each, {} bytes each", bytes / n as usize);
            for voice in [Voice::English, Voice::Cantonese, Voice::Mandarin] {
                let start = Instant::now();
                let mut bytes = 0;
                for i in 0..n {
                    bytes += lab::speak(i, voice).1.len();
                }
                let each = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
                println!(
                    "spoken ({voice:?}): {n} codes, {each:.2} ms each, {} bytes each",
                    bytes / n as usize
                );
            }
            Ok(())
        }
        Some("speak") => {
            let file = args.get(1).ok_or("speak needs FILE")?;
            let voice = voice(args.get(2))?;
            let (answer, wav) = lab::speak(number(3, 1)?, voice);
            std::fs::write(file, wav).map_err(|e| format!("{file}: {e}"))?;
            println!("{answer}");
            Ok(())
        }
        Some("sounds") => {
            let dir = args.get(1).ok_or("sounds needs DIR")?;
            let n = number(2, 1000)?;
            let voice = voice(args.get(3))?;
            let first = number(4, 1)?;
            std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
            let mut answers = std::fs::File::create(format!("{dir}/answers.txt"))
                .map_err(|e| format!("{dir}/answers.txt: {e}"))?;
            for i in 0..n {
                let (answer, wav, said) = lab::speak_parts(first + i, voice);
                std::fs::write(format!("{dir}/{i:05}.wav"), wav).map_err(|e| e.to_string())?;
                // Each character: where it starts in the track and how long
                // its clean form is; the clean forms one after another.
                let mut clean = Vec::new();
                let mut line = format!("{i:05}.wav {answer}");
                for s in &said {
                    line.push_str(&format!(" {}:{}:{}", s.ch, s.at, s.clean.len()));
                    clean.extend(s.clean.iter().flat_map(|v| v.to_le_bytes()));
                }
                std::fs::write(format!("{dir}/{i:05}.clean"), clean).map_err(|e| e.to_string())?;
                writeln!(answers, "{line}").map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        _ => Err("usage: captcha-lab images DIR N [FIRST_SEED] | sheet FILE [FIRST_SEED] | time N | speak FILE LANG [SEED] | sounds DIR N LANG [FIRST_SEED]".into()),
    }
}

fn voice(arg: Option<&String>) -> Result<Voice, String> {
    match arg.map(String::as_str) {
        Some("en") => Ok(Voice::English),
        Some("yue") => Ok(Voice::Cantonese),
        Some("cmn") => Ok(Voice::Mandarin),
        _ => Err("LANG must be en, yue or cmn".into()),
    }
}
