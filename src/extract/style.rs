//! Decides whether inline styles, attributes or CSS rules hide an element.

/// Whether an inline `style` value hides the element from a visitor.
pub fn style_hides(style: &str) -> bool {
    let mut offscreen = false;
    let mut zero_size = false;
    let mut overflow_hidden = false;
    for declaration in style.split(';') {
        let Some((prop, value)) = declaration.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().trim_end_matches("!important").trim().to_ascii_lowercase();
        match prop.as_str() {
            "display" if value == "none" => return true,
            "visibility" if value == "hidden" || value == "collapse" => return true,
            "font-size" | "opacity" | "line-height" if is_zero(&value) && prop != "line-height" => return true,
            "left" | "top" | "right" | "margin-left" | "margin-top" | "text-indent" if far_negative(&value) => {
                offscreen = true
            }
            "width" | "height" | "max-height" | "max-width" if is_zero(&value) => zero_size = true,
            "overflow" if value == "hidden" => overflow_hidden = true,
            "clip" if value.replace(' ', "").starts_with("rect(0") => return true,
            "transform" if value.contains("scale(0)") => return true,
            _ => {}
        }
    }
    offscreen || (zero_size && overflow_hidden)
}

fn is_zero(value: &str) -> bool {
    let number: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    !number.is_empty() && number.parse::<f64>().is_ok_and(|v| v == 0.0)
}

/// A negative length of 500px or more: pushes the element off-screen.
fn far_negative(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('-') else {
        return false;
    };
    let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let unit = &rest[number.len()..];
    let Ok(v) = number.parse::<f64>() else {
        return false;
    };
    match unit {
        "px" | "" => v >= 500.0,
        "em" | "rem" => v >= 30.0,
        "%" | "vw" | "vh" => v >= 90.0,
        _ => v >= 500.0,
    }
}

/// Class (`.name`) and id (`#name`) selectors of CSS rules whose declarations hide.
pub fn hidden_selectors(css: &str, out: &mut Vec<String>) {
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let selectors = &rest[..open];
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let body = &rest[open + 1..open + close];
        if style_hides(body) {
            for selector in selectors.split(',') {
                // Only the last compound of a selector names the hidden element.
                let last = selector.split_whitespace().last().unwrap_or("");
                for part in split_compound(last) {
                    if out.len() < 256 && !out.contains(&part) {
                        out.push(part);
                    }
                }
            }
        }
        rest = &rest[open + close + 1..];
    }
}

/// `div.a#b.c` → `.a`, `#b`, `.c`.
fn split_compound(compound: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in compound.chars() {
        if c == '.' || c == '#' {
            if current.len() > 1 {
                parts.push(std::mem::take(&mut current));
            }
            current.clear();
            current.push(c);
        } else if c == ':' || c == '[' || c == '>' {
            break;
        } else if !current.is_empty() {
            current.push(c.to_ascii_lowercase());
        }
    }
    if current.len() > 1 {
        parts.push(current);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_styles() {
        assert!(style_hides("display:none"));
        assert!(style_hides("color:red; DISPLAY : none !important"));
        assert!(style_hides("font-size:0px"));
        assert!(style_hides("position:absolute;left:-9999px"));
        assert!(style_hides("width:0;height:0;overflow:hidden"));
        assert!(style_hides("opacity:0"));
        assert!(!style_hides("font-size:14px;display:block"));
        assert!(!style_hides("margin-left:-10px"));
        assert!(!style_hides("height:0"));
    }

    #[test]
    fn css_rules() {
        let mut out = Vec::new();
        hidden_selectors(".nav{color:red} div.x9k , #abc{display:none} .y{font-size:0}", &mut out);
        assert_eq!(out, vec![".x9k", "#abc", ".y"]);
    }
}
