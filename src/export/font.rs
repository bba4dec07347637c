//! The Japanese font embedded in the PDFs: the file named in config.toml
//! (`[pdf] font`), or the first system font found that has kana, kanji and
//! Japanese punctuation. When none fits, the PDFs are skipped with a message
//! that says what to install; every other deliverable is still written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::raw::FileRef;
use skrifa::{FontRef, MetadataProvider};

/// Characters a font must have to set a Japanese document.
const PROBE: &[char] = &['あ', 'ア', '漢', '。', '「', '（', 'Ａ', '1'];

/// Font files tried in order (Debian/Ubuntu packages, other Linux, macOS).
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf",
    "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
];

/// What to do when no font fits (shown by `export` and the app).
pub const INSTALL_HINT: &str = "日本語フォントが見つからないため PDF を作成しませんでした（ほかのファイルは出力済みです）。\
Debian/Ubuntu では `sudo apt-get install fonts-noto-cjk`（または fonts-ipaexfont）で入れるか、\
config.toml の [pdf] に font = \"/path/to/font.ttf\"（.ttc なら font_index も）を書いてから、もう一度出力してください。";

/// One face of a font file, loaded into memory.
#[derive(Clone)]
pub struct FontFile {
    pub path: PathBuf,
    pub index: u32,
    pub data: Arc<Vec<u8>>,
}

/// The regular face and, when the family has one next to it, the bold face.
#[derive(Clone)]
pub struct Fonts {
    pub regular: FontFile,
    pub bold: Option<FontFile>,
}

/// Why no font could be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFont(pub String);

impl std::fmt::Display for NoFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `data` (face `index`) can set Japanese text.
pub fn covers_japanese(data: &[u8], index: u32) -> bool {
    let Ok(font) = FontRef::from_index(data, index) else {
        return false;
    };
    let cmap = font.charmap();
    PROBE.iter().all(|c| cmap.map(*c).is_some())
}

/// The face of `data` to use: `index` when given, else the first face whose
/// family says Japanese (`JP`), else the first that covers Japanese.
fn pick_face(data: &[u8], index: Option<u32>) -> Option<u32> {
    if let Some(i) = index {
        return covers_japanese(data, i).then_some(i);
    }
    let count = match FileRef::new(data).ok()? {
        FileRef::Font(_) => 1,
        FileRef::Collection(c) => c.len(),
    };
    let japanese = (0..count).find(|i| {
        FontRef::from_index(data, *i).is_ok_and(|f| {
            f.localized_strings(skrifa::string::StringId::FAMILY_NAME)
                .any(|s| s.to_string().contains("JP"))
        })
    });
    japanese
        .into_iter()
        .chain(0..count)
        .find(|i| covers_japanese(data, *i))
}

fn load(path: &Path, index: Option<u32>) -> Result<FontFile, String> {
    let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let index = pick_face(&data, index).ok_or_else(|| {
        format!(
            "{}: 日本語（かな・漢字・句読点）の字形がそろっていないフォントです",
            path.display()
        )
    })?;
    Ok(FontFile {
        path: path.to_owned(),
        index,
        data: Arc::new(data),
    })
}

/// The bold face next to a regular one (`…-Regular.ttc` → `…-Bold.ttc`).
fn bold_of(regular: &FontFile) -> Option<FontFile> {
    let name = regular.path.file_name()?.to_str()?;
    if !name.contains("Regular") {
        return None;
    }
    let path = regular.path.with_file_name(name.replace("Regular", "Bold"));
    let data = std::fs::read(&path).ok()?;
    covers_japanese(&data, regular.index).then(|| FontFile {
        path,
        index: regular.index,
        data: Arc::new(data),
    })
}

/// Finds the font: `configured` (with its face index) when given — an
/// unusable configured file is an error, never silently replaced — else the
/// first system font of [`CANDIDATES`] that covers Japanese.
pub fn find(configured: Option<&Path>, index: u32) -> Result<Fonts, NoFont> {
    if let Some(path) = configured {
        let regular = load(path, Some(index))
            .map_err(|e| NoFont(format!("config.toml の [pdf] font: {e}。{INSTALL_HINT}")))?;
        return Ok(Fonts {
            bold: bold_of(&regular),
            regular,
        });
    }
    for c in CANDIDATES {
        let path = Path::new(c);
        if !path.is_file() {
            continue;
        }
        if let Ok(regular) = load(path, None) {
            return Ok(Fonts {
                bold: bold_of(&regular),
                regular,
            });
        }
    }
    Err(NoFont(INSTALL_HINT.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_font_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("not-a-font.ttf");
        std::fs::write(&bad, b"hello").unwrap();
        let e = find(Some(&bad), 0).err().unwrap().0;
        assert!(e.contains("not-a-font.ttf"), "{e}");
        assert!(e.contains("fonts-noto-cjk"), "{e}");
        let missing = dir.path().join("missing.ttf");
        let e = find(Some(&missing), 0).err().unwrap().0;
        assert!(e.contains("missing.ttf"), "{e}");
        assert!(!covers_japanese(b"hello", 0));
    }
}
