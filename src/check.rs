//! Whole-bot validation: the checks that span layers, in the one place that start-up and
//! `summit-bot check` call.
//!
//! `knowledge` validates its own files (shapes, ids, references, placeholders) and knows
//! nothing of search or commands. What needs the layers above — aliases as the matcher
//! reads them, the synonym table, command texts against the command table, the quiz bank,
//! and every rendered page against Discord's limits — is checked here, on the one [`Bot`]
//! that start-up builds (so the search index is built once).

use crate::commands::{self, render, Bot, CommandSpec, Offer, OptionKind, COMMANDS};
use crate::knowledge::{self, Knowledge, LoadError, LoadErrors, Source};
use crate::quiz::bank::Bank;
use crate::reply;
use crate::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Loads `responses/`, builds the bot on `store` and validates the whole of it.
pub fn load(source: &Source, store: Arc<dyn Store>) -> Result<Bot, LoadErrors> {
    match load_beside(source, move || Ok::<_, std::convert::Infallible>(store)) {
        Ok(bot) => bot,
        Err(never) => match never {},
    }
}

/// [`load`], with the store opened by `open` on another thread meanwhile: opening a
/// database waits on the disk (a new SQLite file is created, migrated and synced) while
/// loading is all CPU, so start-up takes the longer of the two, not their sum. The search
/// index is likewise built beside the checks that need no built bot. `Err` is `open`'s
/// error (then the bot is not built); otherwise the load's outcome.
pub fn load_beside<E: Send>(
    source: &Source,
    open: impl FnOnce() -> Result<Arc<dyn Store>, E> + Send,
) -> Result<Result<Bot, LoadErrors>, E> {
    std::thread::scope(|s| {
        let store = s.spawn(open);
        let prepared = prepare(source, s);
        // A panic in `open` is carried on here, as if it had run on this thread.
        let store = store
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(prepared.and_then(|(knowledge, bank, index)| {
            let bot = Bot::with_parts(knowledge, bank, index, store);
            let problems = renders(&bot);
            if problems.is_empty() {
                Ok(bot)
            } else {
                Err(LoadErrors(problems))
            }
        }))
    })
}

/// The knowledge, its quiz bank and its search index, checked (everything but the
/// rendered pages); the index is built on a thread of `scope` meanwhile.
fn prepare<'scope>(
    source: &Source,
    scope: &'scope std::thread::Scope<'scope, '_>,
) -> Result<(Knowledge, Bank, crate::search::Index), LoadErrors> {
    let knowledge = Arc::new(Knowledge::load(source)?);
    let shared = Arc::clone(&knowledge);
    let index = scope.spawn(move || crate::search::Index::build(&shared));
    let mut problems = before_build(&knowledge);
    let bank = Bank::build(&knowledge).unwrap_or_else(|errors| {
        problems.extend(errors);
        Bank::empty()
    });
    let index = index
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if !problems.is_empty() {
        return Err(LoadErrors(problems));
    }
    let knowledge = Arc::try_unwrap(knowledge).unwrap_or_else(|k| (*k).clone());
    Ok((knowledge, bank, index))
}

/// Checks that need no built bot: aliases, synonyms, command texts.
fn before_build(k: &Knowledge) -> Vec<LoadError> {
    let mut out = aliases(k);
    out.extend(synonyms(k));
    out.extend(command_texts(k));
    out.extend(chart_glyphs(k));
    out
}

/// The chart's font is a subset: a character the records bring in and the subset lacks
/// would be drawn as nothing.
fn chart_glyphs(k: &Knowledge) -> Vec<LoadError> {
    let model = crate::chart::ChartModel::build(k);
    let fonts = match crate::chart::draw::Fonts::load() {
        Ok(f) => f,
        Err(e) => return vec![LoadError::new("chart.json", None, e.to_string())],
    };
    let missing: String = fonts.missing(&model.characters()).into_iter().collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![LoadError::new(
        "chart.json",
        None,
        format!(
            "the chart's font has no glyph for \"{missing}\" (from chart.json or a meeting's \
             city_ja): run scripts/subset-chart-font.sh"
        ),
    )]
}

/// An alias names one thing only, as the matcher normalises it.
fn aliases(k: &Knowledge) -> Vec<LoadError> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for item in k.items() {
        let mut own = BTreeSet::new();
        for a in item.aliases() {
            let key = crate::search::normalize(a);
            if key.is_empty() {
                out.push(LoadError::new(
                    knowledge::file_of(&item),
                    Some(item.id()),
                    format!("alias \"{a}\" is empty once normalised"),
                ));
                continue;
            }
            if !own.insert(key.clone()) {
                continue;
            }
            if let Some(other) = seen.insert(key, item.id().to_string()) {
                out.push(LoadError::new(
                    knowledge::file_of(&item),
                    Some(item.id()),
                    format!("alias \"{a}\" also names \"{other}\""),
                ));
            }
        }
    }
    out
}

/// The synonym table: one concept per surface form; leaders name existing groups.
fn synonyms(k: &Knowledge) -> Vec<LoadError> {
    let mut out = Vec::new();
    for problem in crate::search::synonym_problems(&k.synonyms) {
        out.push(LoadError::new("synonyms.json", None, problem));
    }
    let classes = k.synonyms.name_classes.iter().flatten();
    let named = k.synonyms.leaders.iter().chain(classes);
    for name in named.chain(&k.synonyms.record_aspects) {
        if !k.synonyms.groups.contains_key(name) {
            out.push(LoadError::new(
                "synonyms.json",
                Some(name),
                "leaders / name_classes / record_aspects: no group of this name",
            ));
        }
    }
    if k.synonyms.name_classes.len() > crate::search::MAX_NAME_CLASSES
        || k.synonyms.name_classes.iter().any(|c| c.len() > 32)
    {
        out.push(LoadError::new(
            "synonyms.json",
            Some("name_classes"),
            format!(
                "at most {} classes of at most 32 groups",
                crate::search::MAX_NAME_CLASSES
            ),
        ));
    }
    out
}

/// Discord's rule for command and option names: 1–32 of `[-_'\p{L}\p{N}]`, lower case.
pub fn is_command_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=32).contains(&n)
        && name
            .chars()
            .all(|c| (c.is_alphanumeric() || matches!(c, '-' | '_' | '\'')) && !c.is_uppercase())
}

/// Every command, subcommand, option and fixed choice of the table has Japanese texts
/// that fit Discord's rules, and the texts name nothing the table lacks.
fn command_texts(k: &Knowledge) -> Vec<LoadError> {
    let file = "commands.json";
    let mut out = Vec::new();
    for spec in COMMANDS {
        let Some(t) = k.commands.get(spec.name) else {
            out.push(LoadError::new(
                file,
                Some(spec.name),
                "no texts for this command",
            ));
            continue;
        };
        let mut msgs: Vec<String> = Vec::new();
        let mut problem = |m: String| msgs.push(m);
        let check = |problem: &mut dyn FnMut(String), what: &str, name: &str, desc: &[&str]| {
            if !is_command_name(name) {
                problem(format!("{what}: invalid name \"{name}\""));
            }
            for d in desc {
                if !(1..=100).contains(&reply::chars(d)) {
                    problem(format!("{what}: description must be 1–100 characters"));
                }
            }
        };
        check(
            &mut problem,
            "command",
            &t.name_ja,
            &[&t.description_ja, &t.description_en],
        );
        let mut groups: Vec<(String, &[commands::OptionSpec], _)> =
            vec![(String::new(), spec.options, &t.options)];
        for sub in spec.subcommands {
            match t.subcommands.get(sub.name) {
                Some(st) => {
                    check(
                        &mut problem,
                        &format!("subcommand {}", sub.name),
                        &st.name_ja,
                        &[&st.description_ja, &st.description_en],
                    );
                    groups.push((format!("{} ", sub.name), sub.options, &st.options));
                }
                None => problem(format!("subcommand {}: no texts", sub.name)),
            }
        }
        for extra in t.subcommands.keys() {
            if !spec.subcommands.iter().any(|s| s.name == extra) {
                problem(format!("subcommand {extra}: not in the command table"));
            }
        }
        for (prefix, options, texts) in groups {
            for o in options {
                let Some(ot) = texts.get(o.name) else {
                    problem(format!("option {prefix}{}: no texts", o.name));
                    continue;
                };
                check(
                    &mut problem,
                    &format!("option {prefix}{}", o.name),
                    &ot.name_ja,
                    &[&ot.description_ja, &ot.description_en],
                );
                let fixed: &[&str] = match o.offer {
                    Offer::Fixed(values) => values,
                    _ => &[],
                };
                for v in fixed {
                    match ot.choices.get(*v) {
                        Some(ja) if (1..=100).contains(&reply::chars(ja)) => {}
                        _ => problem(format!("option {prefix}{}: choice {v}: no name", o.name)),
                    }
                }
                for extra in ot.choices.keys() {
                    if !fixed.contains(&extra.as_str()) {
                        problem(format!(
                            "option {prefix}{}: choice {extra}: not in the table",
                            o.name
                        ));
                    }
                }
                if let OptionKind::Integer { min, max } = o.kind {
                    if min > max {
                        problem(format!("option {prefix}{}: min above max", o.name));
                    }
                }
            }
            for extra in texts.keys() {
                if !options.iter().any(|o| o.name == extra) {
                    problem(format!("option {prefix}{extra}: not in the command table"));
                }
            }
        }
        out.extend(
            msgs.into_iter()
                .map(|m| LoadError::new(file, Some(spec.name), m)),
        );
    }
    for name in k.commands.keys() {
        if !COMMANDS.iter().any(|c: &CommandSpec| c.name == name) {
            out.push(LoadError::new(file, Some(name), "not in the command table"));
        }
    }
    out
}

/// Every view the bot can show fits Discord, page by page, with the longest custom_id.
fn renders(bot: &Bot) -> Vec<LoadError> {
    let k = &bot.knowledge;
    let mut targets: Vec<(String, String)> = k
        .items()
        .map(|i| (i.id().to_string(), i.id().to_string()))
        .collect();
    for view in commands::FIXED_VIEWS {
        targets.push(("(view)".into(), view.to_string()));
    }
    let mut out = Vec::new();
    // The picture's name and alt text count; its pixels are drawn later (start-up draws
    // nothing it does not need to answer).
    let chart = bot.timeline_chart_stand_in();
    for (entry, target) in targets {
        let Some(pages) = commands::pages_of(bot, &target) else {
            continue;
        };
        for (i, page) in pages.iter().enumerate() {
            let reply = render::paged_reply_with(
                bot,
                &target,
                pages,
                i,
                crate::ids::UserId(u64::MAX),
                u64::MAX,
                || Some(chart.clone()),
            );
            let problems = reply.violations();
            if !problems.is_empty() {
                out.push(LoadError::new(
                    "(rendered)",
                    Some(&entry),
                    format!(
                        "page {} of {target} breaks a Discord limit: {}",
                        i + 1,
                        problems.join("; ")
                    ),
                ));
            }
            if page.title.contains(reply::ELLIPSIS) {
                out.push(LoadError::new(
                    "(rendered)",
                    Some(&entry),
                    "title too long: it would be cut",
                ));
            }
        }
    }
    for problem in crate::commands::daily::render_problems(bot) {
        out.push(LoadError::new("(rendered daily)", None, problem));
    }
    for question in bot.bank.all() {
        for problem in crate::commands::quiz::render_problems(bot, question) {
            out.push(LoadError::new(
                "(rendered quiz)",
                Some(&question.id),
                problem,
            ));
        }
    }
    out
}
