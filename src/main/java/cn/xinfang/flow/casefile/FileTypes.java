package cn.xinfang.flow.casefile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a file is, from its bytes rather than its name: a renamed program stays a program. PDF, JPEG
 * and PNG by their signatures; Word and Excel files are zip packages, told apart by the entries
 * that Office writes ({@code [Content_Types].xml} with {@code word/document.xml} or {@code xl/workbook.xml}).
 */
final class FileTypes {

  enum Type {
    PDF("application/pdf", "pdf"),
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    final String mediaType;
    final String extension;

    Type(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }
  }

  static final String ACCEPTED = "PDF、JPG、PNG、Word（.docx）、Excel（.xlsx）";

  private FileTypes() {}

  /** The type of the content, reading at most the head and, for a zip, its entry names. */
  static Optional<Type> detect(InputStreamSource source) throws IOException {
    byte[] head;
    try (InputStream in = source.open()) {
      head = in.readNBytes(8);
    }
    if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(Type.PDF);
    }
    if (head.length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
      return Optional.of(Type.JPEG);
    }
    if (Arrays.equals(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
      return Optional.of(Type.PNG);
    }
    if (startsWith(head, 'P', 'K', 3, 4)) {
      return office(source);
    }
    return Optional.empty();
  }

  private static Optional<Type> office(InputStreamSource source) throws IOException {
    boolean contentTypes = false;
    boolean word = false;
    boolean excel = false;
    try (ZipInputStream zip = new ZipInputStream(source.open())) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        contentTypes |= name.equals("[Content_Types].xml");
        word |= name.equals("word/document.xml");
        excel |= name.equals("xl/workbook.xml");
      }
    } catch (IOException | IllegalArgumentException notAZip) {
      return Optional.empty();
    }
    if (contentTypes && word && !excel) {
      return Optional.of(Type.DOCX);
    }
    if (contentTypes && excel && !word) {
      return Optional.of(Type.XLSX);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (head[i] != (byte) prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Opens the content afresh each time (a multipart part kept in a temp file can be read twice). */
  @FunctionalInterface
  interface InputStreamSource {
    InputStream open() throws IOException;
  }
}
