//! What the `.ftl` files hold, read from their syntax tree: message ids,
//! the variables each uses, and whether one chooses its words by a variable.

use fluent_bundle::FluentResource;

/// The ids of every message in a resource.
pub fn message_ids(resource: &FluentResource) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    resource
        .entries()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// The variables a message uses, sorted: in its text, and in a select
/// expression's selector and variants (a plural).
pub fn variables_of(resource: &FluentResource, id: &str) -> Vec<String> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    fn inline(e: &InlineExpression<&str>, vars: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => vars.push(id.name.to_owned()),
            InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }
    fn expression_vars(e: &Expression<&str>, vars: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
        }
    }
    fn pattern_vars(p: &Pattern<&str>, vars: &mut Vec<String>) {
        for element in &p.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }
    let mut vars = Vec::new();
    for entry in resource.entries() {
        let Entry::Message(m) = entry else { continue };
        if m.id.name != id {
            continue;
        }
        if let Some(pattern) = &m.value {
            pattern_vars(pattern, &mut vars);
        }
    }
    vars.sort();
    vars.dedup();
    vars
}

/// Whether a message has a select expression (a plural), which a slot
/// standing in for its variable would answer wrongly.
pub(super) fn chooses_by_variable(resource: &FluentResource, id: &str) -> bool {
    use fluent_syntax::ast::{Entry, Expression, PatternElement};
    resource.entries().any(|entry| match entry {
        Entry::Message(m) if m.id.name == id => m.value.as_ref().is_some_and(|p| {
            p.elements.iter().any(|e| {
                matches!(
                    e,
                    PatternElement::Placeable {
                        expression: Expression::Select { .. }
                    }
                )
            })
        }),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn resource(lang: Language) -> FluentResource {
        FluentResource::try_new(lang.source().to_owned()).expect("the .ftl file parses")
    }

    #[test]
    fn every_key_exists_in_all_three_languages_with_the_same_variables() {
        let english = resource(Language::English);
        let keys = message_ids(&english);
        assert!(keys.len() > 100, "the English file holds the whole product");
        for lang in [Language::TraditionalChinese, Language::SimplifiedChinese] {
            let other = resource(lang);
            let other_keys = message_ids(&other);
            for key in &keys {
                assert!(
                    other_keys.contains(key),
                    "{key} is missing in {}",
                    lang.tag()
                );
                assert_eq!(
                    variables_of(&english, key),
                    variables_of(&other, key),
                    "{key} has other variables in {}",
                    lang.tag()
                );
            }
            for key in &other_keys {
                assert!(
                    keys.contains(key),
                    "{key} in {} is not in English",
                    lang.tag()
                );
            }
        }
    }
}
