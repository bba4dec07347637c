use bansou::app::App;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
#[test]
fn typing_speed() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = bansou::content::Catalog::builtin().unwrap();
    let store = bansou::store::Store::new(dir.path());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut c = catalog.new_client(
        "demo",
        "株式会社テスト",
        today.and_hms_opt(9, 0, 0).unwrap(),
    );
    bansou::sample::fill(&mut c, &catalog, today);
    store.create(&c).unwrap();
    let km = bansou::keymap::Keymap::load("default", None).unwrap();
    let mut app = App::new(
        catalog,
        km,
        bansou::config::Settings::default(),
        store,
        today.and_hms_opt(10, 0, 0).unwrap(),
    );
    app.open_client("demo", Some(3)).unwrap();
    for _ in 0..4 {
        app.handle_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.handle_key(&KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    let t = std::time::Instant::now();
    for ch in "無線LANのパスワードを変更し来客用ネットワークを分離する".chars()
    {
        app.handle_key(&KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
    }
    eprintln!("per key: {:?}", t.elapsed() / 28);
}
