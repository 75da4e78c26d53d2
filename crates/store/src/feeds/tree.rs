//! A forgiving XML tree of a feed document, built from quick-xml's events.
//!
//! Feeds in the wild are often not well-formed: a mismatched or stray end
//! tag, an HTML entity XML does not define (`&nbsp;`), a bare `&`, a
//! document cut off mid-element. Like the parsers readers trust, mizan reads
//! on where XML would stop: a stray end tag is skipped, an end tag closes
//! the elements left open inside its element, HTML entities are known and
//! an unknown one stays as written. What it cannot read past (a syntax
//! error, the end of the input inside an element) ends the tree there. The
//! first problem of either kind is kept with its line and column. Each
//! element records whether its own end tag was seen, so that the feed
//! reader can keep only entries that arrived whole.
//!
//! Names are resolved to namespace URIs here; a prefix the document never
//! declares falls back to the URI it conventionally stands for (`dc:`,
//! `media:` …), as publishers often forget the declaration.

use quick_xml::XmlVersion;
use quick_xml::escape::{resolve_html5_entity, resolve_xml_entity};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::reader::Reader;
use std::collections::HashMap;

pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Prefixes publishers use without declaring them, and what they mean.
const CONVENTIONAL_PREFIXES: &[(&str, &str)] = &[
    ("xml", XML_NAMESPACE),
    ("atom", "http://www.w3.org/2005/Atom"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("content", "http://purl.org/rss/1.0/modules/content/"),
    ("media", "http://search.yahoo.com/mrss/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
];

/// How deep elements may nest: deeper ones are read as text of their
/// parent, so a hostile document cannot exhaust the stack of a recursive
/// walk.
const MAX_DEPTH: usize = 256;

/// A parsed document: the top-level nodes, and the first place where it
/// was not well-formed, if there is one.
#[derive(Debug, Default)]
pub struct Document {
    pub top: Vec<Node>,
    pub problem: Option<Break>,
}

/// Where and why the XML was not well-formed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Default)]
pub struct Element {
    /// The namespace URI, empty when there is none.
    pub namespace: String,
    pub name: String,
    pub attributes: Vec<Attr>,
    pub children: Vec<Node>,
    /// Whether its end tag was seen (or it was written `<empty/>`).
    pub closed: bool,
}

#[derive(Debug)]
pub struct Attr {
    pub namespace: String,
    pub name: String,
    pub value: String,
}

impl Document {
    /// The first top-level element.
    pub fn root(&self) -> Option<&Element> {
        self.top.iter().find_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }
}

impl Element {
    /// Whether this is the element `name` of one of `namespaces`. Names
    /// are compared without case, as publishers write `pubdate` and
    /// `PubDate` for `pubDate`.
    pub fn is(&self, namespaces: &[&str], name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name) && namespaces.contains(&self.namespace.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The value of the attribute `name` in no namespace.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attribute_in("", name)
    }

    pub fn attribute_in(&self, namespace: &str, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|attr| attr.namespace == namespace && attr.name.eq_ignore_ascii_case(name))
            .map(|attr| attr.value.as_str())
    }

    /// All the text inside, markup removed.
    pub fn text(&self) -> String {
        let mut text = String::new();
        self.collect_text(&mut text);
        text
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.collect_text(out),
            }
        }
    }

    /// What is inside, written back as markup (for XHTML content and HTML
    /// left unescaped in an RSS description).
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            write_markup(child, &mut out);
        }
        out
    }
}

fn write_markup(node: &Node, out: &mut String) {
    match node {
        Node::Text(text) => push_escaped(text, out),
        Node::Element(element) => {
            out.push('<');
            out.push_str(&element.name);
            for attr in &element.attributes {
                out.push(' ');
                out.push_str(&attr.name);
                out.push_str("=\"");
                push_escaped(&attr.value, out);
                out.push('"');
            }
            out.push('>');
            for child in &element.children {
                write_markup(child, out);
            }
            out.push_str("</");
            out.push_str(&element.name);
            out.push('>');
        }
    }
}

fn push_escaped(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Parses `text` as forgivingly as the module says.
pub fn parse_document(text: &str) -> Document {
    let mut builder = Builder::new(text.len());
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    loop {
        let event = reader.read_event();
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(text.len());
        match event {
            Ok(Event::Eof) => break,
            Ok(event) => {
                if let Some(message) = builder.event(event) {
                    builder.problem_at(text, offset, message);
                }
            }
            Err(error) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(text.len());
                builder.problem_at(text, offset, error.to_string());
                break;
            }
        }
    }
    builder.finish(text)
}

/// An element being read, with the namespace declarations it made.
struct Open {
    element: Element,
    qualified_name: String,
    declared: Vec<(String, String)>,
}

struct Builder {
    stack: Vec<Open>,
    top: Vec<Node>,
    problem: Option<Break>,
    entities: HashMap<String, String>,
    /// Bytes entities declared in the document may still add: they are
    /// expanded only up to the document's own size.
    expansion_budget: usize,
    /// Elements opened past [`MAX_DEPTH`] whose end tags are still to come.
    too_deep: usize,
}

impl Builder {
    fn new(document_len: usize) -> Builder {
        Builder {
            stack: Vec::new(),
            top: Vec::new(),
            problem: None,
            entities: HashMap::new(),
            expansion_budget: document_len,
            too_deep: 0,
        }
    }

    /// Adds what `event` brings; a problem read past comes back.
    fn event(&mut self, event: Event<'_>) -> Option<String> {
        match event {
            Event::Start(start) => self.open(&start),
            Event::Empty(start) => {
                self.open(&start);
                self.close_top(true);
            }
            Event::End(end) => return self.end(end.name().0),
            Event::Text(text) => self.text(&text.xml10_content()),
            Event::CData(data) => self.text(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = self.resolve_reference(&reference);
                self.text(&resolved);
            }
            Event::DocType(doctype) => self.declare_entities(&doctype.xml10_content()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::Eof => {}
        }
        None
    }

    fn open(&mut self, start: &BytesStart<'_>) {
        if self.stack.len() >= MAX_DEPTH {
            self.too_deep += 1;
            return;
        }
        let raw: Vec<(String, String)> = start
            .html_attributes()
            .with_checks(false)
            .filter_map(Result::ok)
            .map(|attr| (qname_text(attr.key), self.attribute_value(&attr)))
            .collect();
        let declared: Vec<(String, String)> = raw
            .iter()
            .filter_map(|(name, value)| {
                let prefix = match name.as_str() {
                    "xmlns" => "",
                    other => other.strip_prefix("xmlns:")?,
                };
                Some((prefix.to_string(), value.trim().to_string()))
            })
            .collect();
        let qualified_name = qname_text(start.name());
        let mut element = Element::default();
        let (prefix, local) = split_name(&qualified_name);
        element.name = local.to_string();
        element.namespace = self.resolve(prefix, &declared, true);
        element.attributes = raw
            .into_iter()
            .filter(|(name, _)| name != "xmlns" && !name.starts_with("xmlns:"))
            .map(|(name, value)| {
                let (prefix, local) = split_name(&name);
                Attr {
                    namespace: self.resolve(prefix, &declared, false),
                    name: local.to_string(),
                    value,
                }
            })
            .collect();
        self.stack.push(Open {
            element,
            qualified_name,
            declared,
        });
    }

    fn attribute_value(&self, attr: &Attribute<'_>) -> String {
        attr.normalized_value_with(XmlVersion::Implicit1_0, 1, |name| self.entity(name))
            .map(|value| value.into_owned())
            .unwrap_or_else(|_| attr.value.to_string())
    }

    /// The namespace URI of `prefix`: declared on this element, on an
    /// enclosing one, or by convention. Unprefixed attributes have none.
    fn resolve(&self, prefix: &str, declared: &[(String, String)], is_element: bool) -> String {
        if prefix.is_empty() && !is_element {
            return String::new();
        }
        let in_scope = declared
            .iter()
            .chain(
                self.stack
                    .iter()
                    .rev()
                    .flat_map(|open| open.declared.iter()),
            )
            .find(|(name, _)| name == prefix)
            .map(|(_, uri)| uri.clone());
        in_scope
            .or_else(|| {
                CONVENTIONAL_PREFIXES
                    .iter()
                    .find(|(name, _)| *name == prefix)
                    .map(|(_, uri)| (*uri).to_string())
            })
            .unwrap_or_default()
    }

    /// Closes the element `name` ends, and those left open inside it;
    /// what was not as it should be comes back.
    fn end(&mut self, name: &str) -> Option<String> {
        if self.too_deep > 0 {
            self.too_deep -= 1;
            return None;
        }
        let Some(position) = self
            .stack
            .iter()
            .rposition(|open| open.qualified_name == name)
        else {
            return Some(format!("an end tag </{name}> that closes nothing"));
        };
        let problem = (self.stack.len() > position + 1).then(|| {
            let inner = &self.stack[position + 1].qualified_name;
            format!("</{name}> ends <{name}> while <{inner}> is still open")
        });
        while self.stack.len() > position + 1 {
            self.close_top(false);
        }
        self.close_top(true);
        problem
    }

    fn close_top(&mut self, closed: bool) {
        let Some(open) = self.stack.pop() else { return };
        let mut element = open.element;
        element.closed = closed;
        self.children_of_top().push(Node::Element(element));
    }

    fn children_of_top(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some(open) => &mut open.element.children,
            None => &mut self.top,
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let children = self.children_of_top();
        match children.last_mut() {
            Some(Node::Text(previous)) => previous.push_str(text),
            _ => children.push(Node::Text(text.to_string())),
        }
    }

    /// A character or entity reference as text; one nobody defines stays
    /// as written.
    fn resolve_reference(&mut self, reference: &BytesRef<'_>) -> String {
        if let Ok(Some(character)) = reference.resolve_char_ref() {
            return character.to_string();
        }
        let name = reference.xml10_content();
        if let Some(value) = self.entity(&name) {
            return value.to_string();
        }
        match self.entities.get(name.as_ref()) {
            Some(value) if value.len() <= self.expansion_budget => {
                self.expansion_budget -= value.len();
                value.clone()
            }
            _ => format!("&{name};"),
        }
    }

    fn entity(&self, name: &str) -> Option<&'static str> {
        resolve_xml_entity(name).or_else(|| resolve_html5_entity(name))
    }

    /// The internal entities of a DOCTYPE: `<!ENTITY name "value">`.
    fn declare_entities(&mut self, doctype: &str) {
        let mut rest = doctype;
        while let Some(start) = rest.find("<!ENTITY") {
            rest = &rest[start + "<!ENTITY".len()..];
            let mut words = rest.trim_start().splitn(2, char::is_whitespace);
            let (Some(name), Some(after)) = (words.next(), words.next()) else {
                break;
            };
            let after = after.trim_start();
            let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(end) = after[1..].find(quote) else {
                break;
            };
            if name != "%" {
                self.entities
                    .entry(name.to_string())
                    .or_insert_with(|| after[1..=end].to_string());
            }
            rest = &after[end + 1..];
        }
    }

    /// Keeps the first problem met, with its place.
    fn problem_at(&mut self, text: &str, offset: usize, message: String) {
        if self.problem.is_none() {
            let (line, column) = line_and_column(text, offset);
            self.problem = Some(Break {
                line,
                column,
                message,
            });
        }
    }

    fn finish(mut self, text: &str) -> Document {
        if let Some(open) = self.stack.last() {
            let message = format!("the document ends inside <{}>", open.qualified_name);
            self.problem_at(text, text.len(), message);
        }
        while !self.stack.is_empty() {
            self.close_top(false);
        }
        Document {
            top: self.top,
            problem: self.problem,
        }
    }
}

fn qname_text(name: QName<'_>) -> String {
    name.0.to_string()
}

fn split_name(qualified: &str) -> (&str, &str) {
    qualified.split_once(':').unwrap_or(("", qualified))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> (Element, Option<Break>) {
        let mut document = parse_document(text);
        let broken = document.problem.take();
        let root = document
            .top
            .into_iter()
            .find_map(|node| match node {
                Node::Element(element) => Some(element),
                Node::Text(_) => None,
            })
            .expect("a root element");
        (root, broken)
    }

    #[test]
    fn namespaces_resolve_declared_and_conventional_prefixes() {
        let (rss, broken) = root(
            r#"<rss xmlns:d="http://purl.org/dc/elements/1.1/"><item><d:date>1</d:date><media:title>t</media:title></item></rss>"#,
        );
        assert_eq!(broken, None);
        let item = rss.elements().next().unwrap();
        let names: Vec<(&str, &str)> = item
            .elements()
            .map(|e| (e.namespace.as_str(), e.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("http://purl.org/dc/elements/1.1/", "date"),
                ("http://search.yahoo.com/mrss/", "title")
            ]
        );
    }

    #[test]
    fn html_doctype_and_unknown_entities_are_read_and_kept() {
        let (rss, broken) = root(
            "<!DOCTYPE rss [<!ENTITY site \"tag:example.org,\">]><rss><a>&site;1 AT&T &nbsp;&eacute;&bogus; &#x41;</a></rss>",
        );
        assert_eq!(broken, None);
        assert_eq!(
            rss.elements().next().unwrap().text(),
            "tag:example.org,1 AT&T \u{a0}é&bogus; A"
        );
    }

    #[test]
    fn a_cut_document_keeps_what_came_before_and_says_where_it_broke() {
        let (rss, broken) = root("<rss>\n<item><title>whole</title></item>\n<item><title><![CD");
        let items: Vec<&Element> = rss.elements().collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].closed && !items[1].closed);
        let broken = broken.expect("a break");
        assert_eq!(broken.line, 3, "{broken}");
    }

    #[test]
    fn mismatched_end_tags_close_what_they_enclose_and_stray_ones_are_skipped() {
        let (rss, broken) = root("<rss><item><title>x</titl></item><item><b>y</item></rss>");
        assert!(rss.closed);
        let items: Vec<&Element> = rss.elements().collect();
        assert_eq!(items[0].text(), "x");
        assert!(items[0].closed && items[1].closed);
        assert!(!items[1].elements().next().unwrap().closed);
        assert!(broken.unwrap().message.contains("</titl>"));
    }

    #[test]
    fn declared_entities_cannot_expand_past_the_document_size() {
        let big = "x".repeat(100);
        let refs = "&e;".repeat(50);
        let (root, _) = root(&format!(
            "<!DOCTYPE r [<!ENTITY e \"{big}\">]><r>{refs}</r>"
        ));
        let text = root.text();
        assert!(text.len() < 400, "{}", text.len());
        assert!(text.contains("&e;"));
    }

    #[test]
    fn nesting_past_the_limit_is_flattened() {
        let deep = "<a>".repeat(MAX_DEPTH * 4) + "x" + &"</a>".repeat(MAX_DEPTH * 4);
        let (root, broken) = root(&deep);
        assert_eq!(broken, None);
        assert_eq!(root.text(), "x");
    }
}
