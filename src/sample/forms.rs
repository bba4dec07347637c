//! The sample company's forms: hearing sheet, self-diagnosis, regulation
//! check and action plan.

use super::*;
use crate::content::Catalog;
use crate::domain::model::*;
use chrono::{Datelike, Months, NaiveDate};

pub(super) fn hearing(catalog: &Catalog) -> Vec<HearingAnswer> {
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
pub(super) fn hearing_text(id: &str) -> Option<(&'static str, &'static str)> {
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

pub(super) fn answers(marks: &str) -> [Answer; DIAGNOSIS_ITEMS] {
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

pub(super) fn rated(urgency: Level, importance: Level, difficulty: Difficulty) -> Ratings {
    Ratings {
        urgency: Some(urgency),
        importance: Some(importance),
        difficulty: Some(difficulty),
    }
}

pub(super) fn review(no: u8, notes: &str, focus: Option<Ratings>) -> ItemReview {
    ItemReview {
        no,
        notes: notes.into(),
        focus: focus.is_some(),
        ratings: focus.unwrap_or_default(),
    }
}

pub(super) fn diagnosis() -> Diagnosis {
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
pub(super) fn month_end(today: NaiveDate, months: u32) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    let next = first
        .checked_add_months(Months::new(months + 1))
        .unwrap_or(first);
    next.pred_opt().unwrap_or(next)
}

pub(super) fn ym(d: NaiveDate) -> String {
    format!("{}年{}月末", d.year(), d.month())
}

pub(super) fn fill_regulations(rows: &mut Vec<RegulationRow>, today: NaiveDate) {
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
pub(super) fn row(
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

pub(super) fn plan(today: NaiveDate) -> Vec<PlanRow> {
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
