package com.seqplay.ui;

import com.vaadin.flow.dom.Element;

/** Plain HTML tables for the comparison: light, selectable text, and easy for a browser test to read. */
final class HtmlTable {
    private HtmlTable() {}

    static Element table(String id) {
        Element table = new Element("table").setAttribute("id", id);
        table.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        return table;
    }

    static Element cell(String tag, String text) {
        Element e = new Element(tag).setText(text);
        e.getStyle().set("padding", "2px 10px").set("text-align", "left").set("vertical-align", "top")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        return e;
    }
}
