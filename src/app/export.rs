//! `e`: the deliverables of the open client, as `bansou export` writes
//! them. check runs first: its warnings are listed with the files written;
//! on errors nothing is written and they are listed, and the same key
//! pressed again exports anyway (the app's `--force`, asked every time).

use super::App;
use crate::action::Action;
use crate::domain::check::Problem;

impl App {
    pub(super) fn export(&mut self) {
        let key = self.key(&[], Action::Export);
        let expert_key = self.key(&[], Action::Expert);
        let super::Screen::Client(w) = &mut self.screen else {
            return;
        };
        let (errors, warnings) = crate::export::gate(&self.catalog, &w.client);
        if !errors.is_empty() && !w.export_confirm.twice(Action::Export, ()) {
            let mut lines = vec![
                format!(
                    "出力していません: 整合性の誤りが {} 件あります（bansou check と同じ検査）",
                    errors.len()
                ),
                crate::editor::confirm::ask(&key, "誤りがあるまま出力します"),
            ];
            lines.extend(problem_lines(&errors, &warnings));
            self.message = Some(lines.join("\n"));
            return;
        }
        let Some(w) = self.workspace() else { return };
        let opts = crate::export::Options::new(self.now, &self.settings);
        let result = crate::export::export_all(&self.store, &self.catalog, &w.client, None, &opts);
        self.message = Some(match result {
            Ok(written) => {
                let head = if errors.is_empty() {
                    "出力しました"
                } else {
                    "誤りがあるまま出力しました"
                };
                let mut lines = vec![format!("{head}: {}", written.folder.display())];
                lines.extend(problem_lines(&errors, &warnings));
                lines.extend(written.notices.iter().cloned());
                if self.settings.expert.name.trim().is_empty() {
                    lines.push(format!(
                        "（{expert_key} で担当専門家の情報を登録できます。config.toml に保存されます）"
                    ));
                }
                lines.push(format!("ファイル {} 件:", written.files.len()));
                lines.extend(
                    written
                        .files
                        .iter()
                        .filter_map(|f| f.file_name())
                        .map(|f| format!("  {}", f.to_string_lossy())),
                );
                lines.join("\n")
            }
            Err(e) => format!("出力できません: {e}"),
        });
    }
}

/// check's errors then warnings, one a line with its place, as
/// `bansou export` prints them.
fn problem_lines(errors: &[Problem], warnings: &[Problem]) -> Vec<String> {
    let line = |kind: &str, p: &Problem| format!("  {kind} {}: {}", p.place, p.message);
    errors
        .iter()
        .map(|p| line("誤り", p))
        .chain(warnings.iter().map(|p| line("注意", p)))
        .collect()
}
