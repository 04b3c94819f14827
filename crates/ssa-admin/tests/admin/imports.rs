//! `import-stocks` and `import-movements`: a clean file is written, a bad
//! one names its bad line and writes nothing, and the same file again adds
//! nothing.

use crate::common::{text, Operator};

#[test]
fn imports_statement_files_and_names_every_bad_line() {
    let Some(op) = Operator::with_path("import") else {
        return;
    };
    op.provision_default();

    let stocks = op.path("stocks.csv");
    std::fs::write(
        &stocks,
        "stock_code,name_en,name_zh_hk,name_zh_cn\n00700,TENCENT,騰訊控股,腾讯控股\n",
    )
    .unwrap();
    let out = op.run(&["import-stocks", stocks.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "1 lines read, 1 added, 0 renamed, 0 already there, 0 bad: written"
    );

    let movements = op.path("movements.csv");
    let import_movements = || op.run(&["import-movements", movements.to_str().unwrap()], "");
    std::fs::write(
        &movements,
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
         2026-01-02,C00088,01,00700,BF,100,,R1\n\
         2026-01-03,C00088,01,00700,CNS,,150,R2\n",
    )
    .unwrap();
    let out = import_movements();
    assert!(!out.status.success(), "a bad file is a failure");
    let errors = text(&out.stderr);
    assert!(
        errors.contains("line 3: quantity_out: the balance would be -50 on this date"),
        "{errors}"
    );
    assert!(text(&out.stdout)
        .contains("2 lines read, 0 added, 0 renamed, 0 already there, 1 bad: nothing written"));

    std::fs::write(
        &movements,
        "date,participant_id,ssa_number,stock_code,kind,quantity_in,quantity_out,reference\n\
         2026-01-02,C00088,01,00700,BF,100,,R1\n",
    )
    .unwrap();
    let out = import_movements();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = import_movements();
    assert_eq!(
        text(&out.stdout).trim(),
        "1 lines read, 0 added, 0 renamed, 1 already there, 0 bad: written"
    );
}
