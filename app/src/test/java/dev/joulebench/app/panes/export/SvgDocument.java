package dev.joulebench.app.panes.export;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG file parsed as XML, with what the tests read from it: paths by stroke colour, texts, filled rectangles. */
public final class SvgDocument {
    private static final Pattern COMMAND = Pattern.compile("[ML]");
    private final Document doc;

    private SvgDocument(Document doc) {
        this.doc = doc;
    }

    /** Parses {@code svg}; fails (the test fails) when it is not well-formed XML. */
    public static SvgDocument parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return new SvgDocument(f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    }

    public Element root() {
        return doc.getDocumentElement();
    }

    /**
     * The points (move-to and line-to commands) of each path carrying this id, itself or on its group (JFreeSVG
     * puts an element id on the group it opens for the path's style): one entry per path.
     */
    public List<Integer> pathPoints(String id) {
        List<Integer> out = new ArrayList<>();
        for (Element e : elements("path")) {
            if (id.equals(e.getAttribute("id"))
                    || e.getParentNode() instanceof Element g && id.equals(g.getAttribute("id"))) {
                Matcher m = COMMAND.matcher(e.getAttribute("d"));
                int n = 0;
                while (m.find()) {
                    n++;
                }
                out.add(n);
            }
        }
        return out;
    }

    /** Every {@code text} element's content. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Element e : elements("text")) {
            out.add(e.getTextContent());
        }
        return out;
    }

    /** How many {@code rect} elements are filled with {@code rgb}. */
    public long rectsFilled(int rgb) {
        String fill = String.format(Locale.ROOT, "fill:rgb(%d,%d,%d)", rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255);
        return elements("rect").stream().filter(e -> style(e).contains(fill)).count();
    }

    /** The style of the element with this id and of its groups (inner first), without spaces. */
    public String style(String id) {
        return elements("path").stream().filter(e -> id.equals(e.getAttribute("id"))
                || e.getParentNode() instanceof Element g && id.equals(g.getAttribute("id"))).findFirst()
                .map(SvgDocument::style).orElse("");
    }

    /** The element's style and its groups' (inner first), without spaces. */
    private static String style(Element e) {
        StringBuilder sb = new StringBuilder();
        for (org.w3c.dom.Node n = e; n instanceof Element el; n = n.getParentNode()) {
            sb.append(el.getAttribute("style").replace(" ", "")).append(';');
        }
        return sb.toString();
    }

    /** Elements named {@code name} in the SVG namespace, or without one. */
    public List<Element> elements(String name) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", name);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }
}
