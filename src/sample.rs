//! The built-in sample company (架空の企業) used by `bansou demo`,
//! `bansou new --sample`, tests and screenshots.
//!
//! A fictional precision-parts manufacturer half-way through the programme:
//! sessions 1 and 2 held (with actual agenda times and notes), sessions 3 and 4
//! planned, the hearing sheet answered, three respondents' self-diagnosis with
//! real differences between them, the basic policy enacted but not yet
//! published, all 11 regulations checked and a nine-row action plan.
//!
//! Every date is derived from `today`, so the sample always looks current and
//! is deterministic for a given day. All names, addresses and figures are
//! made up; mail addresses use the reserved `example.jp` domain.

use chrono::{Datelike, Months, NaiveDate, NaiveTime, TimeDelta};

use crate::content::Catalog;
use crate::domain::model::*;

/// Name of the sample company.
pub const SAMPLE_NAME: &str = "株式会社さくら精工";

const OWNER: &str = "桜井 恭平";
const MANAGER: &str = "高野 真理子";
const FOREMAN: &str = "村上 隆";
const STAFF: &str = "小川 彩";
const QA: &str = "森田 浩二";

const OWNER_ROLE: &str = "代表取締役社長";
const MANAGER_ROLE: &str = "総務部長（IT管理兼務）";
const FOREMAN_ROLE: &str = "製造課長";
const STAFF_ROLE: &str = "営業課 主任";
const QA_ROLE: &str = "品質保証課長";

/// Fills `client` (fresh from `Catalog::new_client`) with the sample company's data.
/// `today` anchors the dates: session 1 two weeks before, session 2 one week before,
/// session 3 one week after, session 4 three weeks after. Deterministic for a given `today`.
pub fn fill(client: &mut Client, catalog: &Catalog, today: NaiveDate) {
    fill_profile(&mut client.profile);

    let dates = [
        today - TimeDelta::days(14),
        today - TimeDelta::days(7),
        today + TimeDelta::days(7),
        today + TimeDelta::days(21),
    ];
    fill_sessions(&mut client.sessions, dates);

    client.hearing = hearing(catalog);
    client.diagnosis = diagnosis();

    let policy = &mut client.policy;
    policy.enacted_on = Some(dates[1]);
    policy.company = client.profile.name.clone();
    policy.representative = client.profile.representative.clone();
    policy.published_url = String::new();
    policy.published_on = None;

    fill_regulations(&mut client.regulations, today);
    client.plan = plan(today);
}

// ---------------------------------------------------------------------------
// Profile

fn fill_profile(p: &mut Profile) {
    p.industry = Some(1);
    p.main_industry = None;
    p.capital_yen = Some(30_000_000);
    p.employees = Some(42);
    p.unincorporated = false;
    p.took_part_last_year = false;
    p.prefecture = "東京都".into();
    p.address = "東京都大田区桜精町2-8-15".into();
    p.website = "https://www.sakura-seiko.example.jp/".into();
    p.representative = format!("{OWNER_ROLE} {OWNER}");
    p.security_action = SecurityActionLevel::OneStar;
    p.has_basic_policy = false;
    p.contacts = vec![
        Contact {
            name: MANAGER.into(),
            role: MANAGER_ROLE.into(),
            email: "takano@sakura-seiko.example.jp".into(),
            phone: "03-0000-1234".into(),
        },
        Contact {
            name: OWNER.into(),
            role: OWNER_ROLE.into(),
            email: "sakurai@sakura-seiko.example.jp".into(),
            phone: "03-0000-1230".into(),
        },
    ];
    p.memo = "架空のサンプル企業。自動車部品・医療機器部品の精密切削加工。医療機器メーカーから\
              来年度の取引先監査に情報セキュリティ項目を加えると通知されたことが参加のきっかけ。\
              日程調整と資料の受け渡しは総務部長の高野さん経由。"
        .into();
}

// ---------------------------------------------------------------------------
// Sessions

fn person(name: &str, role: &str) -> Attendee {
    Attendee {
        name: name.into(),
        role: role.into(),
    }
}

fn fill_sessions(sessions: &mut [Session; SESSIONS], dates: [NaiveDate; SESSIONS]) {
    let office = "本社 2階会議室";

    // Session 1: on site, held two weeks ago.
    let s = &mut sessions[0];
    s.date = Some(dates[0]);
    s.mode = Some(Mode::Visit);
    s.place = office.into();
    s.attendees = vec![
        person(OWNER, OWNER_ROLE),
        person(MANAGER, MANAGER_ROLE),
        person(FOREMAN, FOREMAN_ROLE),
        person(STAFF, STAFF_ROLE),
    ];
    for p in &mut s.prep {
        p.done = true;
    }
    // Hearing overran, the owner's-expectations talk finished early.
    run_agenda(s, dates[0], 60, &[95, 420, -130, 260, -380, 150, -210]);
    add_notes(s, dates[0], SESSION1_NOTES);
    s.report = "ほぼ予定どおりに進行（ヒアリングが延びたが、経営者の期待の確認を短めにまとめ数分の超過で終了）。\
                事業内容とIT環境を把握し、3名の自社診断結果から回答の分かれた5項目と「わからない」の多さを確認した。\
                経営者の期待は取引先監査への備えとSECURITY ACTION二つ星の宣言。\
                次回までにネットワーク構成図・PC一覧・契約書ひな形の提供と、基本方針案の検討を依頼した。"
        .into();
    s.next_date = Some(dates[1]);

    // Session 2: web meeting, held last week.
    let s = &mut sessions[1];
    s.date = Some(dates[1]);
    s.mode = Some(Mode::Online);
    s.place = "Web会議（先方のオンライン会議ツール）".into();
    s.attendees = vec![
        person(OWNER, OWNER_ROLE),
        person(MANAGER, MANAGER_ROLE),
        person(STAFF, STAFF_ROLE),
    ];
    for p in &mut s.prep {
        // The optional pre-meeting was not needed.
        p.done = !p.text.contains("必要に応じて");
    }
    // Policy and focus-area discussions ran long: about ten minutes over.
    run_agenda(
        s,
        dates[1],
        30,
        &[180, 300, 420, -60, -240, 360, -300, 120, -180],
    );
    add_notes(s, dates[1], SESSION2_NOTES);
    s.report = "基本方針と重点改善領域の議論が延び、約10分超過して終了。\
                基本方針はテンプレートをもとに自社の言葉で調整し、本日付で制定（ホームページでの公開は未了）。\
                様式2で11規程の整備方針を決め、重点改善領域をパスワード、バックアップ、取引先との秘密保持、\
                事故対応体制の4項目に絞り込んだ。保守業者への見積依頼を次回までの宿題とした。"
        .into();
    s.next_date = Some(dates[2]);

    // Session 3: on site next week; preparation under way.
    let s = &mut sessions[2];
    s.date = Some(dates[2]);
    s.mode = Some(Mode::Visit);
    s.place = office.into();
    s.attendees = vec![
        person(OWNER, OWNER_ROLE),
        person(MANAGER, MANAGER_ROLE),
        person(FOREMAN, FOREMAN_ROLE),
        person(QA, QA_ROLE),
    ];
    for (i, p) in s.prep.iter_mut().enumerate() {
        p.done = i == 1 || i == 2;
    }
    s.next_date = Some(dates[3]);

    // Session 4: on site in three weeks.
    let s = &mut sessions[3];
    s.date = Some(dates[3]);
    s.mode = Some(Mode::Visit);
    s.place = office.into();
    s.attendees = vec![
        person(OWNER, OWNER_ROLE),
        person(MANAGER, MANAGER_ROLE),
        person(FOREMAN, FOREMAN_ROLE),
    ];
}

fn default_start() -> NaiveTime {
    NaiveTime::from_hms_opt(13, 30, 0).unwrap_or_default()
}

/// Gives every agenda item actual times, back to back from the planned start
/// plus `delay_secs`; item `i` runs its planned minutes plus
/// `adjust_secs[i % len]` seconds (at least one minute).
fn run_agenda(session: &mut Session, date: NaiveDate, delay_secs: i64, adjust_secs: &[i64]) {
    let start = session.start.unwrap_or_else(default_start);
    let mut t = date.and_time(start) + TimeDelta::seconds(delay_secs);
    for (i, item) in session.agenda.iter_mut().enumerate() {
        let planned = i64::from(item.minutes) * 60;
        let adjust = if adjust_secs.is_empty() {
            0
        } else {
            adjust_secs[i % adjust_secs.len()]
        };
        item.started_at = Some(t);
        t += TimeDelta::seconds((planned + adjust).max(60));
        item.ended_at = Some(t);
        item.paused_secs = 0;
    }
    session.paused_at = None;
    session.completed_at = Some(t);
}

/// A note template: agenda item index, minutes into the item, kind, text.
type NoteSpec = (usize, i64, NoteKind, &'static str);

const SESSION1_NOTES: &[NoteSpec] = &[
    (
        0,
        6,
        NoteKind::Note,
        "事業の目的と最終成果物（診断結果・基本方針・実行計画・★★宣言）を説明し了承を得た。預かる情報は本事業以外に使わないことを確認",
    ),
    (
        1,
        12,
        NoteKind::Note,
        "売上の約7割が自動車部品、約2割が医療機器部品。医療機器メーカーの来年度の取引先監査にセキュリティ項目が加わる",
    ),
    (
        1,
        34,
        NoteKind::Issue,
        "生産管理サーバーのバックアップは同じラック内のNASのみ。社外保管なし、復元テストの実績なし",
    ),
    (
        1,
        52,
        NoteKind::Issue,
        "NC加工機の制御用PC2台がサポート終了のOSのまま。機械メーカーがOS更新に対応していない",
    ),
    (
        3,
        14,
        NoteKind::Note,
        "社長74点・総務部長60点・従業員42点。アクセス制限、無線LAN、バックアップ、画面ロック、取引先との秘密保持で回答が大きく分かれた",
    ),
    (
        3,
        31,
        NoteKind::Issue,
        "従業員の回答に「わからない」が6項目。ルールがあっても周知されていないことが主な原因とみられる",
    ),
    (
        4,
        22,
        NoteKind::Decision,
        "今回の指導のゴールを「取引先監査で説明できる状態にする」と「SECURITY ACTION二つ星の宣言」とすることで合意",
    ),
    (
        5,
        3,
        NoteKind::Request,
        "ネットワーク構成図（手書き可）、PC・サーバーの一覧、就業規則、協力工場との取引契約書ひな形を第2回の3日前までに送付",
    ),
    (
        5,
        8,
        NoteKind::Request,
        "基本方針サンプルを参考に、社長と総務部長で自社の基本方針案を考えておく",
    ),
    (
        6,
        4,
        NoteKind::Decision,
        "第2回はWeb会議で実施。出席は社長・総務部長・営業課主任",
    ),
];

const SESSION2_NOTES: &[NoteSpec] = &[
    (
        0,
        5,
        NoteKind::Note,
        "前回の振り返り。医療機器メーカーの取引先監査は来年4月頃の予定と判明",
    ),
    (
        1,
        7,
        NoteKind::Note,
        "構成図とPC一覧を受領（PC38台、サーバー1台、NAS1台）。制御用PCが事務用LANと同じネットワークにつながっている",
    ),
    (
        1,
        16,
        NoteKind::Issue,
        "協力工場8社とは秘密保持の取り決めがなく、図面をメールに添付してそのまま送っている",
    ),
    (
        2,
        24,
        NoteKind::Decision,
        "基本方針はテンプレートをもとに制定し、制定日は本日とする。ホームページへの掲載は制作会社と調整のうえ第4回までに",
    ),
    (
        4,
        20,
        NoteKind::Decision,
        "様式2: 8「システム開発及び保守」は自社開発がないため当面作成不要、11「テレワーク」は既存の在宅勤務規程のままとする",
    ),
    (
        5,
        12,
        NoteKind::Note,
        "バックアップ: 総務部長は実施と認識、従業員は存在を知らない。設計課のCADデータには各自のPCにしかないものがある（例外）",
    ),
    (
        6,
        21,
        NoteKind::Decision,
        "重点改善領域を 3 パスワード、11 バックアップ、22 取引先との秘密保持、24 事故対応の体制 の4項目に決定",
    ),
    (
        7,
        4,
        NoteKind::Request,
        "生産管理システムの保守業者に、個人ID化とバックアップの社外保管の見積を依頼する（第3回まで）",
    ),
    (
        7,
        9,
        NoteKind::Request,
        "基本方針をホームページに掲載する手順と費用を制作会社に確認する",
    ),
    (
        8,
        5,
        NoteKind::Issue,
        "社長が多忙で、対策の推進が総務部長一人に任せきりになる懸念。推進役の補佐を決める必要あり",
    ),
];

/// Adds notes stamped inside the run of the agenda item they refer to.
fn add_notes(session: &mut Session, date: NaiveDate, specs: &[NoteSpec]) {
    let fallback = date.and_time(session.start.unwrap_or_else(default_start));
    for &(idx, minutes, kind, text) in specs {
        let item = session.agenda.get(idx).or(session.agenda.last());
        let (at, title) = match item {
            Some(item) => {
                let start = item.started_at.unwrap_or(fallback);
                let end = item.ended_at.unwrap_or(start);
                let at = (start + TimeDelta::seconds(minutes * 60 + 17))
                    .min(end - TimeDelta::seconds(15));
                (at.max(start), Some(item.title.clone()))
            }
            None => (fallback + TimeDelta::minutes(minutes), None),
        };
        session.notes.push(Note {
            at,
            kind,
            text: text.into(),
            item: title,
        });
    }
}

// ---------------------------------------------------------------------------
// Hearing sheet (様式1)

/// An answer for every hearing point of the catalog this sample knows.
fn hearing(catalog: &Catalog) -> Vec<HearingAnswer> {
    catalog
        .hearing_points()
        .filter_map(|(_, p)| {
            hearing_text(&p.id).map(|(answer, consider)| HearingAnswer {
                point: p.id.clone(),
                answer: answer.into(),
                consider: consider.into(),
            })
        })
        .collect()
}

/// (answer, points to consider) per hearing sub-point id.
fn hearing_text(id: &str) -> Option<(&'static str, &'static str)> {
    let t = match id {
        "1.1" => (
            "精密切削加工による金属部品の受託製造（BtoB）。顧客の図面にもとづき、試作から量産までを請け負う。",
            "顧客から預かる図面の機密性が取引継続の前提になっている。",
        ),
        "1.2" => (
            "自動車用センサーのハウジング、医療機器用の精密シャフトなど。品目数は約600、月産約20万個。",
            "成長分野の医療機器部品は、品質と情報管理への要求が厳しい。",
        ),
        "1.3" => (
            "本社工場と、同じ区内の第二工場（倉庫兼用）の2拠点。第二工場とはインターネットVPNで接続している。",
            "第二工場は夜間無人になるため、施錠と機器の管理を確認する。",
        ),
        "1.4" => (
            "社長の下に総務部、営業課、設計課、製造課、品質保証課。重要な判断は社長が行い、IT管理は総務部長が兼務している。",
            "ITとセキュリティの実務が総務部長一人に集中している。",
        ),
        "1.5" => (
            "正社員42名（うち製造28名）、パート社員6名、外国人技能実習生2名。製造現場は入れ替わりがやや多い。",
            "パート社員と実習生も含めた教育と誓約書の扱いを検討する。",
        ),
        "2.1" => (
            "見積 → 受注 → 生産計画 → 材料手配 → 加工・検査 → 出荷 → 請求。見積と生産計画は営業課と製造課が共同で行う。",
            "",
        ),
        "2.2" => (
            "受注・生産計画・在庫・出荷は市販の生産管理システム（社内サーバー）で管理。会計と勤怠はクラウドサービス、給与計算は社会保険労務士事務所に委託。",
            "",
        ),
        "2.3" => (
            "協力工場への発注と検査記録は紙とFAXが中心。作業日報は紙に書き、翌日に総務が表計算ソフトへ入力している。",
            "FAXの誤送信と紙の検査記録の保管が論点になる。",
        ),
        "2.4" => (
            "顧客の図面はメールか顧客ポータルで受け取り、設計課がCADデータにして製造課のNC加工機へ渡す。外注加工では図面を協力工場へメールで送る。",
            "図面が社外（協力工場）へ出る経路の管理が必要。",
        ),
        "3.1" => (
            "主要顧客は自動車部品メーカー3社（売上の約7割）と医療機器メーカー2社（約2割）。顧客からは図面、仕様書、品質要求を預かる。",
            "医療機器メーカーから、来年度の取引先監査にセキュリティ項目を加えると通知されている。",
        ),
        "3.2" => (
            "表面処理や熱処理を協力工場8社に外注。PCと生産管理システムの保守は地元のITベンダー1社に委託している。",
            "協力工場とは秘密保持の取り決めがない。",
        ),
        "3.3" => (
            "材料は商社2社から仕入れ、発注はFAXと電話。工具類は通販サイトで購入している。",
            "",
        ),
        "3.4" => (
            "顧客とは顧客ポータル（大手1社）とメール、協力工場とはメールとFAX。大きな図面は無料のファイル転送サービスを使うことがある。",
            "無料の転送サービスの利用ルールがない。",
        ),
        "4.1" => (
            "医療機器部品の受注拡大と、熟練工の退職に備えた加工ノウハウのデータ化。3年以内に5軸加工機を導入する計画がある。",
            "取引先監査への対応を、受注拡大の施策と結び付けて計画する。",
        ),
        "4.2" => (
            "生産管理システムの更新（2年後にクラウド版への移行を検討）、加工条件のデータベース化、工場内でのタブレット活用。",
            "クラウド事業者の選定と工場内の無線LANの設計にセキュリティ要件を組み込む。",
        ),
        "4.3" => (
            "社長と総務部長が月に数回、会社貸与のノートPCで在宅勤務（VPN経由）。製造と営業は原則出社。",
            "コロナ禍に作った在宅勤務規程があり、当面はそのまま使える。",
        ),
        "5.1" => (
            "事業系は生産管理システム（社内サーバー）、CAD/CAM（設計課のPC5台）、NC加工機の制御用PC。社内管理系はクラウド会計、クラウド勤怠、ファイルサーバー（NAS）。",
            "制御用PC2台がサポート終了のOSで、事務用と同じネットワークにある。",
        ),
        "5.2" => (
            "ホームページは制作会社に委託して運用。メールはレンタルサーバーのアドレスを全員に配布。社内連絡の一部に私物スマートフォンのメッセージアプリが使われている。",
            "業務連絡が私物端末と個人アカウントに流れている。",
        ),
        "5.3" => (
            "クラウド会計・勤怠、大手顧客1社の顧客ポータル、無料のファイル転送サービスを利用。会社のSNSアカウントはなく、取引先システムへの常時接続もない。",
            "",
        ),
        "5.4" => (
            "生産管理システムに受注・在庫・出荷データ約10年分、NASに図面とCADデータ約2TB。検査記録は紙で倉庫に保管。",
            "",
        ),
        "5.5" => (
            "総務部長が兼務でPCの設定とアカウント管理を行い、サーバーとネットワークは保守業者が担当。障害や事故のときの手順は決まっていない。",
            "総務部長の不在時に対応できる人がいない。",
        ),
        "5.6" => (
            "IT関連は年間約400万円（保守料、ライセンス、PC更新）。セキュリティ専用の予算はなく、ウイルス対策ソフトのライセンス費のみ。",
            "対策は来期予算に計上できる規模で計画する。",
        ),
        "5.7" => (
            "事務と設計はPC操作に慣れているが、製造現場はPCに不慣れな人が多い。紙の図面には注意を払うが、データを守る意識は薄い。",
            "現場向けには短時間で具体例中心の教育が必要。",
        ),
        "5.8" => (
            "顧客から預かる図面・仕様書（最重要）、加工条件などのノウハウ、見積単価、従業員約50名分の個人情報。特許は保有していない。",
            "",
        ),
        "5.9" => (
            "図面はNASの共有フォルダにあり全員が閲覧できる。生産管理サーバーは毎晩同じラック内のNASへ自動バックアップしているが、社外保管と復元テストはしていない。",
            "アクセス権の整理とバックアップの社外保管を重点候補とする。",
        ),
        "6.1" => (
            "顧客ポータルへの対応で取引を広げたい。ホームページからの新規の引合いを増やしたいが、更新が止まっている。",
            "",
        ),
        "6.2" => (
            "NC加工機の制御用PC（サポート終了のOS）と、導入8年目の生産管理サーバー。機械メーカーがOS更新に対応していない。",
            "機械の更新までは、ネットワークの分離などの代替策で守る。",
        ),
        "6.3" => (
            "来年度にPC10台を更新する予定。生産管理システムのクラウド版への移行を保守業者と相談中（2年後が目途）。",
            "",
        ),
        "7.1" => (
            "3年前、取引先を装ったメールで振込先の変更を依頼され、経理担当が気付いて未遂に終わった。昨年、営業が見積書入りのUSBメモリを紛失した（見つからず）。",
            "いずれも口頭で注意しただけで、仕組みは変えていない。",
        ),
        "7.2" => (
            "まず総務部長に連絡することになっているが、連絡網や手順書はない。外部の相談先は保守業者だけ。",
            "緊急連絡網と初動手順の整備を優先する。",
        ),
        "7.3" => (
            "社長はランサムウェアで生産が止まることと、図面の漏えいで取引を失うことを最も心配している。医療機器メーカーから監査対応、自動車部品メーカーから自己点検シートの提出を求められている。",
            "取引先の要請に説明できる形で成果物をまとめる。",
        ),
        "7.4" => (
            "研修や訓練はしたことがない。サイバー保険は未加入で、加入を検討している。",
            "",
        ),
        "7.5" => (
            "業界団体の会報と保守業者からの案内が中心。IPAのサイトは今回初めて知った。",
            "IPAの注意喚起やメールニュースの活用を勧める。",
        ),
        _ => return None,
    };
    Some(t)
}

// ---------------------------------------------------------------------------
// Self-diagnosis (自社診断)

fn answers(marks: &str) -> [Answer; DIAGNOSIS_ITEMS] {
    let mut out = [Answer::Unanswered; DIAGNOSIS_ITEMS];
    for (slot, c) in out
        .iter_mut()
        .zip(marks.chars().filter(|c| !c.is_whitespace()))
    {
        *slot = match c {
            'D' => Answer::Done,
            'P' => Answer::Partly,
            'N' => Answer::NotDone,
            'K' => Answer::DontKnow,
            _ => Answer::Unanswered,
        };
    }
    out
}

fn rated(urgency: Level, importance: Level, difficulty: Difficulty) -> Ratings {
    Ratings {
        urgency: Some(urgency),
        importance: Some(importance),
        difficulty: Some(difficulty),
    }
}

fn review(no: u8, notes: &str, focus: Option<Ratings>) -> ItemReview {
    ItemReview {
        no,
        notes: notes.into(),
        focus: focus.is_some(),
        ratings: focus.unwrap_or_default(),
    }
}

fn diagnosis() -> Diagnosis {
    // D 実施している, P 一部実施している, N 実施していない, K わからない.
    // Groups: Q1–5 | Q6–18 | Q19–25.
    let respondents = vec![
        // 74 points: the owner believes most things are in place.
        Respondent {
            name: OWNER.into(),
            role: Role::Owner,
            answers: answers("DDDDP DDPDDDPPDPPDD DNPDPNP"),
        },
        // 60 points: the manager knows where the holes are.
        Respondent {
            name: MANAGER.into(),
            role: Role::Manager,
            answers: answers("DDPPP DDPDDPPNPPNDD DNPPPNP"),
        },
        // 42 points: the employee is frank and does not know several rules.
        Respondent {
            name: STAFF.into(),
            role: Role::Employee,
            answers: answers("DDPKP DDPKDKPPNPPDD DNKKKNP"),
        },
    ];
    use Difficulty as Df;
    use Level::{High, Mid};
    let items = vec![
        review(
            3,
            "社長は事務用PCの設定をもとに「実施」と回答。実際は製造現場の共用PCと制御用PCで同じパスワードを付箋で共有し、\
             生産管理システムのIDも部署単位で共有している（例外）。",
            Some(rated(High, High, Df::Mid)),
        ),
        review(
            4,
            "NASの共有フォルダは全員が全フォルダを閲覧・編集できる。社長は「図面フォルダは設計課だけ」と認識していたが、\
             設定はされていなかった。従業員は制限の有無を知らない。",
            None,
        ),
        review(
            9,
            "事務所の無線LANはWPA2で社員用と来客用を分けている。工場の無線LANは古いルーターで、パスワードが壁に貼ってある。\
             従業員は暗号化方式を知らない。",
            None,
        ),
        review(
            11,
            "生産管理サーバーは毎晩NASへ自動バックアップ（総務部長が設定）。NASは同じラック内にあり社外保管なし、復元テストは未実施。\
             CADデータには各自のPCにしかないものがある（例外）。従業員は仕組みを知らない。",
            Some(rated(High, High, Df::Mid)),
        ),
        review(
            14,
            "事務所のPCは10分で自動ロック。製造現場の共用PCは作業の邪魔になるとしてロックを無効にしている（例外）。",
            None,
        ),
        review(
            22,
            "大手顧客とは先方の書式で秘密保持契約を締結済み。協力工場8社とは注文書だけで秘密保持の条項がなく、\
             図面の返却・廃棄の取り決めもない。従業員は契約の内容を知らない。",
            Some(rated(Mid, High, Df::Mid)),
        ),
        review(
            24,
            "3名とも「実施していない」または「わからない」。振込先変更の詐欺メール未遂も場当たり的に対応した。\
             連絡先は総務部長の携帯電話だけで、不在時の代わりがいない。",
            Some(rated(High, High, Df::Easy)),
        ),
    ];
    Diagnosis { respondents, items }
}

// ---------------------------------------------------------------------------
// Regulations (様式2)

/// Last day of the month `months` after the month of `today`.
fn month_end(today: NaiveDate, months: u32) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    let next = first
        .checked_add_months(Months::new(months + 1))
        .unwrap_or(first);
    next.pred_opt().unwrap_or(next)
}

fn ym(d: NaiveDate) -> String {
    format!("{}年{}月末", d.year(), d.month())
}

fn fill_regulations(rows: &mut Vec<RegulationRow>, today: NaiveDate) {
    for no in 1..=REGULATIONS as u8 {
        if !rows.iter().any(|r| r.no == no) {
            rows.push(RegulationRow {
                no,
                ..RegulationRow::default()
            });
        }
    }
    rows.sort_by_key(|r| r.no);
    let by = |m| ym(month_end(today, m));
    use RegulationStatus::*;
    for row in rows.iter_mut() {
        let (status, comment) = match row.no {
            1 => (
                Created,
                format!("情報セキュリティの責任者（総務部長）と推進役の補佐、役割分担を定める規程を新規に作成する（{}まで）。", by(2)),
            ),
            2 => (
                Revised,
                format!("就業規則の秘密保持条項を見直し、パート社員・技能実習生の入社時と退職時の誓約書を加える（{}まで）。", by(5)),
            ),
            3 => (
                Created,
                format!("図面・仕様書・生産管理データを中心に情報資産台帳を作り、重要度に応じた取扱いルールを定める（{}まで）。", by(6)),
            ),
            4 => (
                Created,
                format!("パスワードのルールと、生産管理システムの個人ID化・共有フォルダのアクセス権の決め方を定める（{}まで）。", by(4)),
            ),
            5 => (
                Revised,
                format!("既存の「工場入退場の心得」に来訪者受付簿と入館証、図面の施錠保管を追加して改定する（{}まで）。", by(3)),
            ),
            6 => (
                Created,
                format!("私物端末の業務利用、USBメモリ、画面ロックを含むIT機器利用規程を作成する（{}まで）。", by(5)),
            ),
            7 => (
                Created,
                format!("バックアップの社外保管と復元テスト、OS・ソフトウェアの更新確認の手順を定める（{}まで）。", by(3)),
            ),
            8 => (
                NotNeeded,
                "自社でのシステム開発はなく、保守は業者に委託しているため当面は作成しない。業者の管理は委託管理規程で扱う。".to_owned(),
            ),
            9 => (
                Revised,
                format!("購買規程の外注先選定基準に秘密保持と図面の返却・廃棄の項目を追加して改定する（{}まで）。", by(6)),
            ),
            10 => (
                Created,
                format!("緊急連絡網と初動手順を新規に作成し、既存の地震対策BCPに生産管理システムの復旧手順を加える（{}まで）。", by(2)),
            ),
            11 => (
                Unchanged,
                "コロナ禍に作成した在宅勤務規程（会社貸与PC・VPN接続に限定）で足りると判断し、既存のままとする。".to_owned(),
            ),
            _ => continue,
        };
        row.status = Some(status);
        row.comment = comment;
    }
}

// ---------------------------------------------------------------------------
// Action plan (様式3)

#[allow(clippy::too_many_arguments)]
fn row(
    area: Area,
    current: &str,
    measure: &str,
    linked: bool,
    ratings: Ratings,
    feasibility: Feasibility,
    deadline: NaiveDate,
    concerns: &str,
    from_item: Option<u8>,
) -> PlanRow {
    PlanRow {
        area,
        current: current.into(),
        measure: measure.into(),
        linked,
        ratings,
        feasibility: Some(feasibility),
        deadline: Some(deadline),
        concerns: concerns.into(),
        from_item,
    }
}

fn plan(today: NaiveDate) -> Vec<PlanRow> {
    use Difficulty as Df;
    use Feasibility::{Go, NoGo};
    use Level::{High, Low, Mid};
    let by = |m| month_end(today, m);
    vec![
        row(
            Area::Organizational,
            "事故が起きたときの連絡先と初動が決まっておらず、総務部長個人の判断に頼っている。",
            "緊急連絡網と初動手順（A4一枚）を作成して各職場に掲示する。保守業者、警察、IPAの相談窓口の連絡先を含め、総務部長不在時の代行者を決める。",
            false,
            rated(High, High, Df::Easy),
            Go,
            by(2),
            "作成は総務部で対応できる。代行者には製造課長を充てる予定。",
            Some(24),
        ),
        row(
            Area::Organizational,
            "協力工場8社とは注文書のみで秘密保持の条項がなく、図面の返却・廃棄の取り決めもない。",
            "基本取引契約書に秘密保持条項と図面の返却・廃棄のルールを加え、協力工場と順次締結する。",
            true,
            rated(Mid, High, Df::Mid),
            Go,
            by(6),
            "協力工場との関係への配慮が必要。ひな形の確認に顧問弁護士の費用（数万円）がかかる。",
            Some(22),
        ),
        row(
            Area::Organizational,
            "営業と製造の一部が私物スマートフォンのメッセージアプリで業務連絡をし、図面の写真を送ることもある。",
            "私物端末の業務利用ルール（届出制、画面ロック必須、図面の撮影禁止）を定め、業務連絡は会社契約のチャットサービスへ移す。",
            true,
            rated(Mid, Mid, Df::Mid),
            Go,
            by(5),
            "チャットサービスの利用料（月額数千円程度）。現場への定着に時間がかかる。",
            None,
        ),
        row(
            Area::Human,
            "セキュリティ教育をしたことがなく、不審メールや持ち出しへの意識に個人差が大きい。",
            "IPAの映像教材を使った30分の全社研修を年2回行い、新人研修にも組み込む。月1回、朝礼で注意喚起をする。",
            false,
            rated(Mid, High, Df::Easy),
            Go,
            by(3),
            "工場の稼働中に全員を集めにくいため、2回に分けて実施する。実習生向けにやさしい日本語の資料が必要。",
            None,
        ),
        row(
            Area::Technical,
            "生産管理サーバーのバックアップが同じラック内のNASだけで、復元テストもしていない。ランサムウェアや火災で同時に失うおそれがある。",
            "バックアップの社外保管（クラウドストレージ）を追加し、半年に1回復元テストを行う。各自のPCにあるCADデータはファイルサーバーに集約する。",
            true,
            rated(High, High, Df::Mid),
            Go,
            by(3),
            "社外保管の費用（年間10万円程度）を来期予算に計上する。保守業者との作業日程の調整が必要。",
            Some(11),
        ),
        row(
            Area::Technical,
            "製造現場の共用PCと制御用PCで同じパスワードを付箋で共有し、生産管理システムのIDも部署単位で共有している。",
            "パスワードのルール（12文字以上、使い回し禁止）を定め、生産管理システムを個人IDに切り替える。付箋を撤去し、共用PCのパスワードは総務部で管理する。",
            true,
            rated(High, High, Df::Mid),
            Go,
            by(4),
            "個人ID化に伴うライセンスの追加費用を保守業者に見積依頼中。",
            Some(3),
        ),
        row(
            Area::Technical,
            "NC加工機の制御用PC2台がサポート終了のOSで、事務用と同じネットワークにつながっている。",
            "制御用PCのOSを最新版へ更新する。",
            false,
            rated(High, Mid, Df::Hard),
            NoGo,
            by(11),
            "機械メーカーがOS更新に対応しておらず、機械ごとの更新は数千万円規模のため今期は見送る。代わりに制御用PCをネットワークから切り離し、USBメモリは専用品に限る運用を始め、次期の設備投資計画で再検討する。",
            None,
        ),
        row(
            Area::Physical,
            "工場の入口が日中施錠されておらず、来訪者や配送業者が事務所と工場に自由に出入りできる。受付簿もない。",
            "来訪者受付簿と入館証を導入し、工場見学では社員が同行して撮影禁止を掲示する。",
            true,
            rated(Mid, Mid, Df::Easy),
            Go,
            by(2),
            "受付簿と入館証の作成費のみで、大きな懸念はない。",
            None,
        ),
        row(
            Area::Physical,
            "図面や顧客の仕様書が設計室の棚に置いたままで、ノートPCも夜間は机の上に放置されている。",
            "図面・仕様書用の施錠できるキャビネットを導入し、ノートPCは終業時に施錠保管する。鍵の管理者を決める。",
            false,
            rated(Low, Mid, Df::Easy),
            Go,
            by(8),
            "キャビネットの購入費（約30万円）と設計室のレイアウト変更が必要。",
            None,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::diagnosis::{GAP_THRESHOLD, gaps, score};
    use crate::domain::eligibility::{Verdict, verdict};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()
    }

    fn sample() -> (Catalog, Client) {
        let catalog = Catalog::builtin().unwrap();
        let now = today().and_hms_opt(9, 0, 0).unwrap();
        let mut client = catalog.new_client("demo", SAMPLE_NAME, now);
        fill(&mut client, &catalog, today());
        (catalog, client)
    }

    #[test]
    fn three_complete_respondents_in_different_bands_with_gaps() {
        let (_, c) = sample();
        let rs = &c.diagnosis.respondents;
        assert_eq!(rs.len(), 3);
        let roles: Vec<Role> = rs.iter().map(|r| r.role).collect();
        assert_eq!(roles, [Role::Owner, Role::Manager, Role::Employee]);
        let scores: Vec<_> = rs.iter().map(|r| score(&r.answers)).collect();
        assert!(scores.iter().all(|s| s.complete()), "{scores:?}");
        let totals: Vec<i32> = scores.iter().map(|s| s.total).collect();
        assert_eq!(totals, [74, 60, 42]);
        let bands: HashSet<usize> = scores.iter().map(|s| s.band().index()).collect();
        assert!(bands.len() >= 2, "{totals:?}");
        let g = gaps(rs, GAP_THRESHOLD);
        assert!(g.len() >= 4, "{g:?}");
        assert!(rs[2].answers.contains(&Answer::DontKnow));
    }

    #[test]
    fn reviews_and_focus_items_are_consistent_with_the_plan() {
        let (_, c) = sample();
        let items = &c.diagnosis.items;
        assert!((5..=8).contains(&items.len()));
        let focus: Vec<&ItemReview> = items.iter().filter(|i| i.focus).collect();
        assert!((3..=4).contains(&focus.len()));
        for f in &focus {
            let r = f.ratings;
            assert!(r.urgency.is_some() && r.importance.is_some() && r.difficulty.is_some());
            assert!(
                c.plan.iter().any(|p| p.from_item == Some(f.no)),
                "focus {} has no plan row",
                f.no
            );
        }
        for p in &c.plan {
            if let Some(n) = p.from_item {
                assert!(focus.iter().any(|f| f.no == n));
            }
        }
    }

    #[test]
    fn regulations_and_plan_are_filled() {
        let (_, c) = sample();
        assert_eq!(c.regulations.len(), REGULATIONS);
        assert!(
            c.regulations
                .iter()
                .all(|r| r.status.is_some() && !r.comment.is_empty())
        );
        for s in RegulationStatus::ALL {
            assert!(
                c.regulations.iter().any(|r| r.status == Some(s)),
                "{s:?} unused"
            );
        }
        assert!(c.plan.len() >= 8);
        for a in Area::ALL {
            assert!(c.plan.iter().any(|p| p.area == a), "{a:?} missing");
        }
        let limit = today().checked_add_months(Months::new(12)).unwrap();
        for p in &c.plan {
            let d = p.deadline.unwrap();
            assert!(d > today() && d <= limit, "{d}");
            assert!(p.feasibility.is_some() && !p.measure.is_empty() && !p.current.is_empty());
        }
        assert!(
            c.plan
                .iter()
                .any(|p| p.feasibility == Some(Feasibility::NoGo))
        );
        assert!(c.plan.iter().any(|p| p.linked));
    }

    #[test]
    fn held_sessions_have_times_attendees_and_all_kinds_of_notes() {
        let (_, c) = sample();
        for (i, s) in c.sessions.iter().enumerate().take(2) {
            let date = s.date.unwrap();
            assert!(!s.attendees.is_empty());
            assert!(s.completed_at.is_some());
            assert!(s.next_date.is_some());
            assert!(!s.report.is_empty());
            assert!(s.prep.iter().any(|p| p.done));
            assert!(!s.agenda.is_empty());
            let mut prev_end = None;
            for item in &s.agenda {
                let (a, b) = (item.started_at.unwrap(), item.ended_at.unwrap());
                assert!(a <= b, "session {} {}", i + 1, item.title);
                assert_eq!(a.date(), date);
                if let Some(p) = prev_end {
                    assert_eq!(p, a, "items run back to back");
                }
                prev_end = Some(b);
            }
            for k in NoteKind::ALL {
                assert!(
                    s.notes.iter().any(|n| n.kind == k),
                    "session {} lacks {k:?}",
                    i + 1
                );
            }
            assert!((6..=10).contains(&s.notes.len()));
            for n in &s.notes {
                let title = n.item.as_deref().unwrap();
                let item = s.agenda.iter().find(|a| a.title == title).unwrap();
                assert!(
                    item.started_at.unwrap() <= n.at && n.at <= item.ended_at.unwrap(),
                    "{}",
                    n.text
                );
            }
            assert!(s.notes.windows(2).all(|w| w[0].at <= w[1].at));
        }
        let dates: Vec<NaiveDate> = c.sessions.iter().map(|s| s.date.unwrap()).collect();
        assert_eq!(
            dates,
            [-14, -7, 7, 21]
                .map(|d| today() + TimeDelta::days(d))
                .to_vec()
        );
        for s in &c.sessions[2..] {
            assert!(!s.attendees.is_empty() && s.mode.is_some());
            assert!(
                s.agenda
                    .iter()
                    .all(|i| i.started_at.is_none() && i.ended_at.is_none())
            );
            assert!(s.notes.is_empty() && s.completed_at.is_none());
        }
        assert!(c.sessions[2].prep.iter().any(|p| p.done));
        assert!(c.sessions[2].prep.iter().any(|p| !p.done));
    }

    #[test]
    fn hearing_answers_cover_the_catalog() {
        let (catalog, c) = sample();
        let ids: Vec<&str> = catalog
            .hearing_points()
            .map(|(_, p)| p.id.as_str())
            .collect();
        assert!(
            c.hearing.len() * 10 >= ids.len() * 8,
            "{} of {}",
            c.hearing.len(),
            ids.len()
        );
        assert!(
            c.hearing
                .iter()
                .all(|h| ids.contains(&h.point.as_str()) && !h.answer.is_empty())
        );
        assert!(hearing_text("9.9").is_none());
    }

    #[test]
    fn the_sample_passes_the_consistency_check_and_is_eligible() {
        let (catalog, c) = sample();
        assert_eq!(catalog.check(&c), Vec::new());
        let v = verdict(&c.profile, &catalog.eligibility);
        assert!(matches!(v, Verdict::Eligible(_)), "{v:?}");
    }

    #[test]
    fn policy_is_enacted_but_not_published() {
        let (_, c) = sample();
        let p = &c.policy;
        assert_eq!(p.enacted_on, c.sessions[1].date);
        assert_eq!(p.company, SAMPLE_NAME);
        assert_eq!(p.representative, c.profile.representative);
        assert!(p.preamble.contains(SAMPLE_NAME));
        assert!(p.published_url.is_empty() && p.published_on.is_none());
        assert!(crate::domain::readiness::policy_gaps(p).is_empty());
        assert!(!crate::domain::readiness::readiness(&c).complete());
    }

    #[test]
    fn a_given_name_and_id_are_kept_and_filling_is_deterministic() {
        let catalog = Catalog::builtin().unwrap();
        let now = today().and_hms_opt(9, 0, 0).unwrap();
        let mut a = catalog.new_client("x1", "有限会社テスト", now);
        fill(&mut a, &catalog, today());
        assert_eq!(a.id, "x1");
        assert_eq!(a.profile.name, "有限会社テスト");
        assert_eq!(a.policy.company, "有限会社テスト");
        let mut b = catalog.new_client("x1", "有限会社テスト", now);
        fill(&mut b, &catalog, today());
        assert_eq!(a, b);
        // Survives a round trip through TOML.
        let text = toml::to_string(&a).unwrap();
        let back: Client = toml::from_str(&text).unwrap();
        assert_eq!(back, a);
    }
}
