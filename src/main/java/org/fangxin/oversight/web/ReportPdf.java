package org.fangxin.oversight.web;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.web.TableExport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A quarterly statement or region report as PDF (OpenPDF): a title and one table, A4 landscape, in a CJK font embedded
 * as a subset ({@code fangxin.oversight.pdf.font}: a TrueType/OpenType file, {@code ,n} picks a face of a collection;
 * default the Noto Sans CJK SC face of Debian's fonts-noto-cjk). Without the font file the download is refused (409)
 * before the first byte.
 */
@Component
class ReportPdf {

    static final ProblemType FONT_MISSING = new ProblemType("oversight-pdf-font-missing", 409);

    private final String font;

    ReportPdf(@Value("${fangxin.oversight.pdf.font:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2}") String font) {
        this.font = font;
    }

    void write(HttpServletResponse response, String baseName, String title, List<String> headers,
               Consumer<TableExport.Rows> producer) throws IOException {
        String file = font.replaceAll(",[0-9]+$", "");
        if (!Files.isReadable(Path.of(file))) {
            throw new Rejection(FONT_MISSING, "the PDF font " + file + " is not installed");
        }
        response.setContentType("application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + baseName + ".pdf\"");
        response.setHeader("Cache-Control", "no-store");
        Document document = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        try {
            PdfWriter.getInstance(document, response.getOutputStream());
            document.open();
            Font text = new Font(BaseFont.createFont(font, BaseFont.IDENTITY_H, BaseFont.EMBEDDED), 7);
            document.add(new Paragraph(title, new Font(text.getBaseFont(), 12)));
            PdfPTable table = new PdfPTable(headers.size());
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            headers.forEach(h -> table.addCell(new Paragraph(h, text)));
            producer.accept(cells -> cells.forEach(c -> table.addCell(new Paragraph(c == null ? "" : c.toString(), text))));
            document.add(table);
        } catch (DocumentException e) {
            throw new IOException(e);
        } finally {
            document.close();
        }
    }
}
