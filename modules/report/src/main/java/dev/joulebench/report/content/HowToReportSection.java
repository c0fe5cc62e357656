package dev.joulebench.report.content;

import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Code;
import dev.joulebench.report.doc.Paragraph;

/** The "How to report this" section: the paragraph to cite, also as LaTeX. */
final class HowToReportSection {
    private HowToReportSection() {}

    static void write(RunData run, Blocks b) {
        b.section("How to report this");
        String text = ReportText.howToReport(run);
        b.add(new Paragraph(text, Paragraph.Style.QUOTE));
        b.note("The same paragraph for LaTeX:");
        b.add(new Code(ReportText.latex(text)));
        b.note("State the energy method with the figure: estimated energy is a model's output and can be off by a "
                + "factor of two or more; measured energy covers only the sources listed.");
    }
}
