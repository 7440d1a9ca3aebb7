package cn.xinfang.flow.documents;

import cn.xinfang.flow.documents.DocumentStore.Document;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Draws an issued document as PDF in the layout of GB/T 9704-2012 (党政机关公文格式): A4, margins
 * top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the 发文机关标志 in red, centred; the 发文字号
 * under it; the red separating line; the title centred; the 主送; the 正文 with a two-character first
 * line indent, about 28 characters a line and 22 lines a page; the 落款 (issuing body) and the 成文日期
 * right-aligned four characters in; the page number "— 1 —" below the text area.
 *
 * <p>The font is Noto Serif SC (SIL Open Font License 1.1), shipped in the jar
 * ({@code fonts/NotoSerifSC-Regular.ttf}) and embedded as a subset of the glyphs used: the PDF reads
 * the same on a machine without any Chinese font. A character the font lacks is drawn as □.
 *
 * <p>The PDF is drawn on demand from the stored text, so it is the same every time it is opened.
 */
@Component
public class DocumentPdf {

  static final String FONT = "fonts/NotoSerifSC-Regular.ttf";
  private static final float MM = 72f / 25.4f;
  private static final float TOP = 37 * MM;
  private static final float BOTTOM = 35 * MM;
  private static final float LEFT = 28 * MM;
  private static final float RIGHT = 26 * MM;
  private static final float BODY_SIZE = 15.75f; // 三号 (16 pt), a little less so that 28 characters fit
  private static final float LINE = (297 - 37 - 35) * MM / 22; // 22 lines to the page
  private static final float TITLE_SIZE = 22f; // 二号
  private static final float MARK_SIZE = 30f;
  private static final Color RED = new Color(0xE6, 0x00, 0x12);

  private final Object lock = new Object();
  /** Parsed on first use, not at start (it took a third of a second of every start, issue 12); guarded by lock. */
  private TrueTypeFont font;

  DocumentPdf() {
    // a jar without the font must not start: checked now, read when the first document is drawn
    if (!new ClassPathResource(FONT).exists()) {
      throw new IllegalStateException("字体文件缺失：" + FONT);
    }
  }

  private TrueTypeFont font() {
    if (font == null) {
      try (InputStream in = new ClassPathResource(FONT).getInputStream()) {
        // parsed once; the glyph tables are read lazily, so access is serialized in render()
        font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("字体文件缺失：" + FONT, e);
      }
    }
    return font;
  }

  /** The staff copy ({@code petitionerCopy} false) or the petitioner's copy of a document. */
  public byte[] render(Document d, boolean petitionerCopy) {
    String body = petitionerCopy && d.publicBody() != null ? d.publicBody() : d.body();
    synchronized (lock) {
      try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        PDType0Font f = PDType0Font.load(pdf, font(), true);
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(d.title());
        info.setSubject(d.kind().label() + " " + d.number());
        info.setCreator("信访流程 Xinfang Flow");
        Calendar issued = Calendar.getInstance(TimeZone.getTimeZone("Asia/Shanghai"));
        issued.setTimeInMillis(d.issuedAt().toEpochMilli());
        info.setCreationDate(issued);
        new Layout(pdf, f, d, body, petitionerCopy).draw();
        pdf.save(out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException("文书 " + d.number() + " 生成 PDF 失败", e);
      }
    }
  }

  /** Lays the document out page by page. */
  private final class Layout {
    private final PDDocument pdf;
    private final PDType0Font f;
    private final Document d;
    private final String body;
    private final boolean petitionerCopy;
    private final float width = PDRectangle.A4.getWidth() - LEFT - RIGHT;
    private PDPageContentStream page;
    private int pageNumber;
    private float y;

    Layout(PDDocument pdf, PDType0Font f, Document d, String body, boolean petitionerCopy) {
      this.pdf = pdf;
      this.f = f;
      this.d = d;
      this.body = body;
      this.petitionerCopy = petitionerCopy;
    }

    void draw() throws IOException {
      newPage();
      // 版头: 发文机关标志 in red, 发文字号, red line
      String issuer = d.issuer() == null ? "信访工作机构" : d.issuer();
      float markSize = Math.min(MARK_SIZE, width / Math.max(1, issuer.length() + 1));
      centred(issuer, markSize, RED);
      y -= LINE * 0.9f;
      centred(d.officialNumber(), BODY_SIZE, Color.BLACK);
      y -= LINE * 0.35f;
      page.setStrokingColor(RED);
      page.setLineWidth(1.2f);
      page.moveTo(LEFT, y);
      page.lineTo(LEFT + width, y);
      page.stroke();
      y -= LINE * 1.6f;
      // 主体: 标题, 主送, 正文
      for (String line : wrap(d.title(), TITLE_SIZE, 0)) {
        centred(line, TITLE_SIZE, Color.BLACK);
        y -= LINE * 1.1f;
      }
      y -= LINE * 0.4f;
      if (d.addressee() != null && !d.addressee().isBlank()) {
        text(d.addressee().strip() + "：", LEFT, BODY_SIZE, Color.BLACK);
        y -= LINE;
      }
      for (String paragraph : body.replace("**", "").split("\n")) {
        if (paragraph.isBlank()) {
          continue;
        }
        for (String line : wrap(paragraph.strip(), BODY_SIZE, 2)) {
          ensureRoom(1);
          float indent = line.startsWith("\u0000") ? 2 * BODY_SIZE : 0;
          text(line.replace("\u0000", ""), LEFT + indent, BODY_SIZE, Color.BLACK);
          y -= LINE;
        }
      }
      // 落款 and 成文日期, right-aligned four characters in
      ensureRoom(3);
      y -= LINE;
      String date = DocumentIssuer.day(d.issuedAt());
      float right = LEFT + width - 4 * BODY_SIZE;
      float dateWidth = width(date, BODY_SIZE);
      float issuerWidth = width(issuer, BODY_SIZE);
      // the issuing body is centred over the date (GB/T 9704 7.3.5.1)
      text(issuer, right - dateWidth / 2 - issuerWidth / 2, BODY_SIZE, Color.BLACK);
      y -= LINE;
      text(date, right - dateWidth, BODY_SIZE, Color.BLACK);
      page.close();
    }

    private void newPage() throws IOException {
      if (page != null) {
        page.close();
      }
      PDPage p = new PDPage(PDRectangle.A4);
      pdf.addPage(p);
      page = new PDPageContentStream(pdf, p);
      pageNumber++;
      y = PDRectangle.A4.getHeight() - TOP - BODY_SIZE;
      // 页码 below the text area; the document number and which copy this is, small, at the foot
      String number = "— " + pageNumber + " —";
      text(number, LEFT + (width - width(number, 14)) / 2, BOTTOM - 7 * MM - 14, 14, Color.BLACK);
      String foot = "文书编号 " + d.number() + " · 信访件 " + d.caseNumber() + " · " + (petitionerCopy ? "信访人留存" : "存档");
      text(foot, LEFT, BOTTOM - 7 * MM - 32, 9, Color.GRAY);
    }

    private void ensureRoom(int lines) throws IOException {
      if (y - (lines - 1) * LINE < BOTTOM) {
        newPage();
      }
    }

    private void centred(String s, float size, Color color) throws IOException {
      text(s, LEFT + (width - width(s, size)) / 2, size, color);
    }

    private void text(String s, float x, float size, Color color) throws IOException {
      text(s, x, y, size, color);
    }

    private void text(String s, float x, float atY, float size, Color color) throws IOException {
      page.beginText();
      page.setFont(f, size);
      page.setNonStrokingColor(color);
      page.newLineAtOffset(x, atY);
      page.showText(printable(s));
      page.endText();
    }

    private float width(String s, float size) throws IOException {
      return f.getStringWidth(printable(s)) / 1000 * size;
    }

    /**
     * Breaks a paragraph into lines of the text width; the first line indented by {@code indentChars}
     * (marked with a leading NUL). Closing punctuation never starts a line (避头点): it stays on the
     * line before, slightly beyond the margin, as typesetters do.
     */
    private List<String> wrap(String paragraph, float size, int indentChars) throws IOException {
      List<String> lines = new ArrayList<>();
      String s = printable(paragraph);
      StringBuilder line = new StringBuilder();
      float available = width - indentChars * size;
      float used = 0;
      boolean first = true;
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        String ch = new String(Character.toChars(cp));
        float w = f.getStringWidth(ch) / 1000 * size;
        if (used + w > available && line.length() > 0 && !closing(cp)) {
          lines.add((first && indentChars > 0 ? "\u0000" : "") + line);
          first = false;
          line.setLength(0);
          used = 0;
          available = width;
        }
        line.append(ch);
        used += w;
        i += Character.charCount(cp);
      }
      if (line.length() > 0 || lines.isEmpty()) {
        lines.add((first && indentChars > 0 ? "\u0000" : "") + line);
      }
      return lines;
    }

    private boolean closing(int cp) {
      return "，。、；：？！）》」』】”’,.;:?!)".indexOf(cp) >= 0;
    }

    /** Characters the font lacks, and control characters, become □ (never an exception). */
    private String printable(String s) throws IOException {
      StringBuilder out = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if (cp == 0) {
          out.append('\u0000');
        } else if (cp == '\t') {
          out.append("  ");
        } else if (Character.isISOControl(cp) || font.getUnicodeCmapLookup().getGlyphId(cp) == 0) {
          out.append('□');
        } else {
          out.appendCodePoint(cp);
        }
      }
      return out.toString();
    }
  }
}
