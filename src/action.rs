//! Every thing a key can do. Keys map to actions through the keymap; state
//! changes only in `App::update(action)`.

/// One user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    /// Show a tab: 0 is the client profile, 1–4 the sessions.
    Tab(u8),
    NextPane,
    PrevPane,
    Up,
    Down,
    /// Toggle the selected checklist item, or the selected choice.
    Toggle,
    /// Edit the selected entry.
    Edit,
    Add,
    Delete,
    MoveUp,
    MoveDown,
    TimerToggle,
    NextItem,
    PrevItem,
    Extend,
    Shorten,
    Retime,
    Replan,
    /// Mark the selected agenda item skipped (省略), or take the mark off.
    Skip,
    /// Fix the selected agenda item's length against re-planning (固定).
    ToggleFixed,
    /// Type the actual start of the running (or selected) item.
    CorrectStart,
    QuickNote,
    /// Show one kind of note in the notes pane, cycling through the kinds and
    /// back to all.
    FilterNotes,
    /// Search the notes (incremental; Esc clears it).
    Search,
    /// Read the selected note, preparation item or agenda item in full.
    ReadFull,
    /// Put back what was deleted last (notes, preparation items).
    Undo,
    /// Set the selected note's agenda item, cycling through the agenda.
    NoteItem,
    /// The previous session's decisions, requests and issues (前回の振り返り).
    LookBack,
    /// Follow the selected agenda item's link to its form.
    OpenForm,
    /// Show the next form in the form pane.
    CycleForm,
    Presentation,
    Export,
    /// Write the session's report texts (所感・報告事項; the final evaluation on session 4).
    Report,
    /// Edit the expert's own details printed on every report (config.toml `[expert]`).
    Expert,
    // Text entry.
    Submit,
    Cancel,
    /// Cycle the kind of the note being written.
    CycleKind,
    /// The same, backwards.
    CycleKindBack,
    // Client picker.
    Open,
    NewClient,
    // Self-diagnosis walkthrough.
    /// Answer the current question with `Answer::CHOICES[i]` and move on.
    Answer(u8),
    PrevQuestion,
    NextQuestion,
    /// Mark or unmark the item as a focus area (重点改善領域).
    Focus,
    CycleUrgency,
    CycleImportance,
    CycleDifficulty,
    /// Turn the focus item into an action-plan row.
    Promote,
    /// Cycle a respondent's role (経営者/管理者/従業員).
    CycleRole,
    /// Rename the selected entry (a respondent).
    Rename,
    /// Write the self-diagnosis questionnaires to send out (files only).
    WriteQuestionnaires,
    /// Import filled questionnaires (path input with completion).
    ImportAnswers,
    // Basic policy, regulation check and action plan editors.
    /// Move to the column or field on the left.
    Left,
    /// Move to the column or field on the right.
    Right,
    /// Put the template's text back into the selected policy field.
    FromTemplate,
    /// Show the plan rows in priority order, or in the order entered.
    SortPriority,
    /// Show the plan rows of one improvement area, cycling through them.
    FilterArea,
}

/// Name in keymap files, action, and what the help says.
#[rustfmt::skip]
pub const ACTIONS: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "終了（保存済み）"),
    ("help", Action::Help, "ヘルプの表示／非表示"),
    ("profile", Action::Tab(0), "企業情報タブ"),
    ("session_1", Action::Tab(1), "第1回の画面"),
    ("session_2", Action::Tab(2), "第2回の画面"),
    ("session_3", Action::Tab(3), "第3回の画面"),
    ("session_4", Action::Tab(4), "第4回の画面"),
    ("next_pane", Action::NextPane, "次の枠へ"),
    ("prev_pane", Action::PrevPane, "前の枠へ"),
    ("up", Action::Up, "上へ"),
    ("down", Action::Down, "下へ"),
    ("toggle", Action::Toggle, "チェックの切り替え／選択"),
    ("edit", Action::Edit, "選択中の項目を編集"),
    ("add", Action::Add, "項目を追加"),
    ("delete", Action::Delete, "選択中の項目を削除"),
    ("move_up", Action::MoveUp, "項目を上へ移動"),
    ("move_down", Action::MoveDown, "項目を下へ移動"),
    ("timer_toggle", Action::TimerToggle, "タイマー開始／一時停止"),
    ("next_item", Action::NextItem, "次の議題へ（実績時刻を記録）"),
    ("prev_item", Action::PrevItem, "前の議題に戻る（その議題は記録済みの時間から再開。今の議題はそれまでの時間を保って未了に戻り、次へ進むと続きから）"),
    ("extend", Action::Extend, "現在の議題を5分延長"),
    ("shorten", Action::Shorten, "現在の議題を5分短縮"),
    ("retime", Action::Retime, "選択中の議題の予定時間を変更"),
    ("replan", Action::Replan, "残りの議題の時間を変えて終了予定ちょうどに合わせる（固定の議題はそのまま、各5分以上）"),
    ("skip", Action::Skip, "選択中の議題を省略／省略を取り消し"),
    ("toggle_fixed", Action::ToggleFixed, "選択中の議題を固定／解除（再計画で時間を変えない）"),
    ("correct_start", Action::CorrectStart, "実際の開始時刻を訂正（進行中の議題、または選択中の開始済みの議題）"),
    ("quick_note", Action::QuickNote, "クイックメモ"),
    ("filter_notes", Action::FilterNotes, "メモを種類で絞り込む（依頼事項・決定事項・課題・メモ・全種類の順）"),
    ("search", Action::Search, "メモを検索（入力しながら絞り込み、Esc で解除）"),
    ("read_full", Action::ReadFull, "選択中のメモ・準備項目・議題を全文表示"),
    ("undo", Action::Undo, "削除したメモ・準備項目を元の位置に戻す"),
    ("note_item", Action::NoteItem, "選択中のメモの議題を切り替え（議事次第の順、最後は議題なし）"),
    ("look_back", Action::LookBack, "前回の振り返り（決定事項・依頼事項・課題）を表示／閉じる"),
    ("open_form", Action::OpenForm, "議題に紐づくフォームを開く"),
    ("cycle_form", Action::CycleForm, "フォーム枠の表示を切り替え（ヒアリング・自社診断・基本方針・規程・計画の順）"),
    ("presentation", Action::Presentation, "残り時間の大表示（共有画面用）"),
    ("export", Action::Export, "成果物を出力（check で誤りがあれば一覧を示し、もう一度押すと誤りがあるまま出力）"),
    ("report", Action::Report, "この回の実施報告の所感・報告事項を書く（第4回では最終報告書の「指導結果のまとめと評価」も）"),
    ("expert", Action::Expert, "担当専門家（自分）の氏名・登録番号・所属・連絡先を編集（全報告書に載る。config.toml に保存）"),
    ("submit", Action::Submit, "確定"),
    ("cancel", Action::Cancel, "取り消し"),
    ("cycle_kind", Action::CycleKind, "メモの種類を切り替え（メモ／依頼事項／決定事項／課題）、取り込むファイル名を補完"),
    ("cycle_kind_back", Action::CycleKindBack, "メモの種類を逆順に切り替え"),
    ("open", Action::Open, "選択中の企業を開く"),
    ("new_client", Action::NewClient, "企業を新規作成"),
    ("answer_done", Action::Answer(0), "回答「実施している」（4点）で次の設問へ"),
    ("answer_partly", Action::Answer(1), "回答「一部実施している」（2点）で次の設問へ"),
    ("answer_not_done", Action::Answer(2), "回答「実施していない」（0点）で次の設問へ"),
    ("answer_dont_know", Action::Answer(3), "回答「わからない」（-1点）で次の設問へ"),
    ("prev_question", Action::PrevQuestion, "前の設問へ戻る"),
    ("next_question", Action::NextQuestion, "次の設問へ"),
    ("focus", Action::Focus, "重点改善領域に指定／解除"),
    ("cycle_urgency", Action::CycleUrgency, "緊急度を切り替え（高・中・低・未設定）"),
    ("cycle_importance", Action::CycleImportance, "重要度を切り替え（高・中・低・未設定）"),
    ("cycle_difficulty", Action::CycleDifficulty, "難易度を切り替え（易・中・難・未設定）"),
    ("promote", Action::Promote, "重点項目を対策実行計画に追加"),
    ("cycle_role", Action::CycleRole, "回答者の立場を切り替え（経営者／管理者／従業員）"),
    ("rename", Action::Rename, "名前を変更"),
    ("write_questionnaires", Action::WriteQuestionnaires, "回答用紙（.xlsx）を書き出す（回答のない回答者ごと、いなければ白紙1枚）"),
    ("import_answers", Action::ImportAnswers, "記入済みの回答用紙・CSV を取り込む（ファイル名を補完）"),
    ("left", Action::Left, "左の列・前の欄へ"),
    ("right", Action::Right, "右の列・次の欄へ"),
    ("from_template", Action::FromTemplate, "選択中の欄をひな形の文に戻す（2回押す）"),
    ("sort_priority", Action::SortPriority, "優先順位の順に表示／入力順に戻す"),
    ("filter_area", Action::FilterArea, "改善分野で絞り込む（押すたびに次の分野、全分野に戻る）"),
];

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        // The name before the notes list could show every kind.
        if name == "requests" {
            return Some(Action::FilterNotes);
        }
        ACTIONS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, a, _)| *a)
    }

    pub fn name(self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(_, a, _)| *a == self)
            .map_or("?", |(n, _, _)| n)
    }

    /// The timer keys and the corrections of a session's times (`app::timing`).
    pub fn keeps_time(self) -> bool {
        matches!(
            self,
            Action::TimerToggle
                | Action::NextItem
                | Action::PrevItem
                | Action::Extend
                | Action::Shorten
                | Action::Replan
                | Action::Skip
                | Action::ToggleFixed
                | Action::CorrectStart
        )
    }

    /// Whether the action changes the client record. On a read-only client
    /// these are refused before any screen or editor sees them: the one
    /// place read-only is enforced.
    pub fn mutates(self) -> bool {
        matches!(
            self,
            Action::Answer(_)
                | Action::Focus
                | Action::CycleUrgency
                | Action::CycleImportance
                | Action::CycleDifficulty
                | Action::Promote
                | Action::CycleRole
                | Action::Rename
                | Action::ImportAnswers
                | Action::FromTemplate
                | Action::Toggle
                | Action::Edit
                | Action::Add
                | Action::Delete
                | Action::MoveUp
                | Action::MoveDown
                | Action::TimerToggle
                | Action::NextItem
                | Action::PrevItem
                | Action::Extend
                | Action::Shorten
                | Action::Retime
                | Action::Replan
                | Action::Skip
                | Action::ToggleFixed
                | Action::CorrectStart
                | Action::QuickNote
                | Action::Undo
                | Action::NoteItem
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (name, action, desc) in ACTIONS {
            assert!(seen.insert(*name), "{name} twice");
            assert_eq!(Action::from_name(name), Some(*action));
            assert_eq!(action.name(), *name);
            assert!(!desc.is_empty());
        }
        assert_eq!(Action::from_name("nope"), None);
        assert_eq!(Action::from_name("requests"), Some(Action::FilterNotes));
    }
}
