#[test]
fn wrap() {
    use ratatui::widgets::{Paragraph, Wrap};
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(35, 3)).unwrap();
    t.draw(|f| {
        f.render_widget(Paragraph::new(" - 資本金 1000万円 が上限 5000万円 以下").wrap(Wrap { trim: false }), ratatui::layout::Rect::new(1, 0, 33, 3));
        f.render_widget(ratatui::text::Span::raw("|"), ratatui::layout::Rect::new(34, 0, 1, 3));
    }).unwrap();
    let b = t.backend().buffer();
    for y in 0..3 { let mut s = String::new(); for x in 0..35 { s.push_str(b[(x, y)].symbol()); s.push('.'); } eprintln!("{s}"); }
}
