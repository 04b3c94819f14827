//! Paging and export (spec 7.3): pages of 100 show every movement exactly
//! once, and an export is every page read at once, from one snapshot.

use super::{movements, page_of_2026, stocks};
use crate::common::{ready_user, Env};

on_both_backends!(
    paging_returns_every_movement_exactly_once,
    a_movements_export_is_every_page_read_at_once,
);

/// abcd1234 logged in, its SSA with 250 movements in January 2026 (three
/// pages' worth).
async fn two_hundred_fifty_movements(env: &Env) -> ssa_core::Session {
    ready_user(env).await;
    stocks(env).await;
    let mut lines = String::from("2026-01-02,C00088,01,00700,BF,100000,,B0\n");
    for i in 1..250 {
        lines.push_str(&format!(
            "2026-01-{:02},C00088,01,00700,ADJ,1,,R{i}\n",
            2 + i / 20
        ));
    }
    movements(env, &lines).await;
    env.session().await
}

async fn paging_returns_every_movement_exactly_once(env: Env) {
    let mut s = two_hundred_fifty_movements(&env).await;
    let mut seen = std::collections::HashSet::new();
    for page in 0..3 {
        let p = page_of_2026(&env, &mut s, page).await;
        assert_eq!(p.total, 250);
        assert_eq!(p.movements.len(), [100, 100, 50][page as usize]);
        for m in p.movements {
            assert!(seen.insert(m.reference), "a movement shown twice");
        }
    }
    assert_eq!(seen.len(), 250);
}

/// The export reads every page in one statement, so one snapshot: it is the
/// pages one after another, each movement once, and an import that commits
/// after it is in the next export whole.
async fn a_movements_export_is_every_page_read_at_once(env: Env) {
    use ssa_core::{Export, ExportRequest, MovementsRequest};
    let mut s = two_hundred_fifty_movements(&env).await;
    let request = ExportRequest::Movements {
        request: MovementsRequest {
            from: "2026-01-01".into(),
            to: "2026-12-31".into(),
            stock: String::new(),
            page: 0,
            new_only: false,
        },
    };
    let exported = |e: Export| match e {
        Export::Movements { movements, .. } => movements
            .into_iter()
            .map(|m| m.reference)
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let first = exported(env.ssa.statement_export(&mut s, &request).await.unwrap());
    let mut pages = Vec::new();
    for page in 0..3 {
        let p = page_of_2026(&env, &mut s, page).await;
        pages.extend(p.movements.into_iter().map(|m| m.reference));
    }
    assert_eq!(first, pages);
    let distinct: std::collections::HashSet<_> = first.iter().collect();
    assert_eq!(distinct.len(), 250);

    movements(&env, "2026-02-01,C00088,01,00700,ADJ,1,,N1\n").await;
    let second = exported(env.ssa.statement_export(&mut s, &request).await.unwrap());
    assert_eq!(second.len(), 251);
    assert_eq!(second[0], "N1");
    assert_eq!(second[1..], first[..]);
}
