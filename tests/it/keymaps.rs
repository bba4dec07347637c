//! The built-in keymaps bind each key once: no key twice within one context
//! of keymaps/default.toml or keymaps/vim.toml (a later line would silently
//! replace the earlier one), and no key of an inner context hiding a global
//! (or form) action so that no key reaches it any more where that context
//! applies. Modelled on helix-term's keymap tests.

use std::collections::BTreeMap;

use bansou::action::Action;
use bansou::keymap::{Context, DEFAULT, Key, Keymap, VIM};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
struct RawBinding {
    on: Spanned<String>,
    run: String,
}

/// One binding as written: its line in the file, key and action name.
struct Written {
    line: usize,
    key: Key,
    run: String,
}

/// Every binding of a keymap file by context, in file order.
fn written(text: &str) -> BTreeMap<String, Vec<Written>> {
    let raw: BTreeMap<String, Vec<RawBinding>> = toml::from_str(text).unwrap();
    raw.into_iter()
        .map(|(ctx, bindings)| {
            let bindings = bindings
                .into_iter()
                .map(|b| Written {
                    line: text[..b.on.span().start].matches('\n').count() + 1,
                    key: Key::parse(b.on.get_ref()).unwrap(),
                    run: b.run,
                })
                .collect();
            (ctx, bindings)
        })
        .collect()
}

/// "file:line: [context] key bound to a and again at line m to b" for
/// every key written twice in one context.
fn duplicates(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (ctx, bindings) in written(text) {
        for (i, b) in bindings.iter().enumerate() {
            for later in &bindings[i + 1..] {
                if later.key == b.key {
                    found.push(format!(
                        "{file}:{}: [{ctx}] {} bound to {} and again at line {} to {}",
                        b.line, b.key, b.run, later.line, later.run
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn no_key_is_written_twice_in_one_context_of_a_built_in_keymap() {
    let mut found = duplicates("keymaps/default.toml", DEFAULT);
    found.extend(duplicates("keymaps/vim.toml", VIM));
    assert!(
        found.is_empty(),
        "duplicate bindings:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_duplicate_check_finds_a_duplicate() {
    let text = "[[form]]\non = \"x\"\nrun = \"toggle\"\n\n[[form]]\non = \"<Enter>\"\nrun = \"edit\"\n\n[[form]]\non = \"x\"\nrun = \"delete\"\n";
    assert_eq!(
        duplicates("t.toml", text),
        ["t.toml:2: [form] x bound to toggle and again at line 10 to delete"]
    );
}

/// The lookup orders the app uses (App::contexts): the focused pane's
/// context, a form editor's contexts, then [global]. [editor] and [picker]
/// stand alone.
const STACKS: &[&[Context]] = &[
    &[Context::Agenda, Context::Global],
    &[Context::List, Context::Global],
    &[Context::Form, Context::Global],
    &[Context::Diagnosis, Context::Form, Context::Global],
];

/// Form actions the self-diagnosis walkthrough has no use for: it has no
/// columns and nothing to toggle, and its x, Left and Right answer "partly"
/// and move between questions by design.
const UNUSED_IN_DIAGNOSIS: &[Action] = &[Action::Toggle, Action::Left, Action::Right];

/// Actions of an outer context that no key reaches in `stack` because
/// every key bound to them there is taken by an inner context.
fn unreachable(km: &Keymap, stack: &[Context]) -> Vec<String> {
    let mut found = Vec::new();
    for (depth, outer) in stack.iter().enumerate().skip(1) {
        for b in km.bindings(*outer) {
            if stack[0] == Context::Diagnosis
                && *outer == Context::Form
                && UNUSED_IN_DIAGNOSIS.contains(&b.action)
            {
                continue;
            }
            let reached = |action: Action| {
                stack.iter().any(|c| {
                    km.bindings(*c)
                        .iter()
                        .any(|x| x.action == action && km.lookup(stack, x.key) == Some(action))
                })
            };
            if km.lookup(stack, b.key) != Some(b.action) && !reached(b.action) {
                let by = stack[..depth]
                    .iter()
                    .find_map(|c| {
                        km.bindings(*c)
                            .iter()
                            .find(|x| x.key == b.key)
                            .map(|x| format!("[{}] {}", c.name(), x.action.name()))
                    })
                    .unwrap_or_default();
                found.push(format!(
                    "[{}] {} ({}) is taken by {by}, and no other key reaches it",
                    outer.name(),
                    b.key,
                    b.action.name()
                ));
            }
        }
    }
    found
}

#[test]
fn no_inner_binding_makes_a_global_or_form_action_unreachable() {
    for set in ["default", "vim"] {
        let km = Keymap::load(set, None).unwrap();
        let mut found = Vec::new();
        for stack in STACKS {
            let names: Vec<&str> = stack.iter().map(|c| c.name()).collect();
            for f in unreachable(&km, stack) {
                found.push(format!("{set}, {}: {f}", names.join(" > ")));
            }
        }
        assert!(
            found.is_empty(),
            "unreachable actions:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn the_shadow_check_finds_an_action_no_key_reaches() {
    let mut km = Keymap::load("default", None).unwrap();
    // Help has one key, "?": a form binding on it hides help in forms.
    km.apply(
        std::path::Path::new("test.toml"),
        "[[form]]\non = \"?\"\nrun = \"toggle\"\n",
    )
    .unwrap();
    assert_eq!(
        unreachable(&km, &[Context::Form, Context::Global]),
        ["[global] ? (help) is taken by [form] toggle, and no other key reaches it"]
    );
}

#[test]
fn every_context_of_the_loaded_keymaps_binds_a_key_once() {
    for set in ["default", "vim"] {
        let km = Keymap::load(set, None).unwrap();
        for ctx in [
            Context::Global,
            Context::Agenda,
            Context::List,
            Context::Editor,
            Context::Picker,
            Context::Form,
            Context::Diagnosis,
        ] {
            let keys: Vec<Key> = km.bindings(ctx).iter().map(|b| b.key).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(k),
                    "{set}: [{}] binds {k} twice",
                    ctx.name()
                );
            }
            assert!(
                !km.bindings(ctx).is_empty(),
                "{set}: [{}] binds nothing",
                ctx.name()
            );
        }
    }
}
