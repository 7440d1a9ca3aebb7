package cn.xinfang.flow.casefile;

import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Attachments of a case: upload (multipart field {@code file}), list and download, with the case's
 * own authorization. The type is decided by the content; the file and its journal entry are stored
 * in one transaction, so a failure leaves neither.
 */
@RestController
@RequestMapping("/api/cases/{caseNumber}/attachments")
class AttachmentController {

  /** 20 MB, as spring.servlet.multipart.max-file-size; checked again here in case that is raised. */
  static final long MAX_SIZE = 20L * 1024 * 1024;

  private final CaseFileController cases;
  private final CaseAccess access;
  private final AttachmentStore store;
  private final PetitionLedger ledger;
  private final Caller caller;
  private final TransactionTemplate transaction;

  AttachmentController(CaseFileController cases, CaseAccess access, AttachmentStore store, PetitionLedger ledger,
      Caller caller, PlatformTransactionManager transactions) {
    this.cases = cases;
    this.access = access;
    this.store = store;
    this.ledger = ledger;
    this.caller = caller;
    this.transaction = new TransactionTemplate(transactions);
  }

  @GetMapping
  List<Map<String, Object>> list(@PathVariable String caseNumber) {
    cases.readable(caseNumber);
    return store.forCase(caseNumber).stream().map(CaseFileController::attachment).toList();
  }

  @PostMapping(consumes = "multipart/form-data")
  ResponseEntity<Map<String, Object>> upload(@PathVariable String caseNumber,
      @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
    Petition p = cases.readable(caseNumber);
    if (!access.mayUpload(p)) {
      throw new org.camunda.bpm.engine.AuthorizationException(caller.userId(), "上传附件", "petition", caseNumber);
    }
    if (file == null) {
      throw new InvalidInputException("file", "请选择要上传的文件（表单字段 file）");
    }
    if (file.getSize() > MAX_SIZE) {
      throw new CaseFileProblems.TooLarge(file.getSize());
    }
    if (file.isEmpty()) {
      throw new InvalidInputException("file", "文件是空的（0 字节），请重新选择");
    }
    FileTypes.Type type = FileTypes.detect(file::getInputStream)
        .orElseThrow(() -> new CaseFileProblems.UnsupportedType(file.getOriginalFilename()));
    String name = fileName(file.getOriginalFilename(), type);
    String sha256 = sha256(file);
    String user = caller.userId();
    AttachmentStore.Attachment stored = transaction.execute(status -> {
      try (InputStream content = file.getInputStream()) {
        AttachmentStore.Attachment a = store.store(caseNumber, name, type.mediaType, file.getSize(), sha256, content, user);
        ledger.recordEvent(caseNumber, "ATTACHMENT:" + a.id(), "ATTACHMENT_ADDED", user,
            name + "（" + humanSize(a.size()) + "）");
        return a;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return ResponseEntity.created(URI.create("/api/cases/" + caseNumber + "/attachments/" + stored.id()))
        .body(CaseFileController.attachment(stored));
  }

  @GetMapping("/{id}")
  void download(@PathVariable String caseNumber, @PathVariable long id, HttpServletResponse response) throws IOException {
    cases.readable(caseNumber);
    AttachmentStore.Attachment a = store.find(caseNumber, id)
        .orElseThrow(() -> new NotFoundException("信访件 " + caseNumber + " 没有编号为 " + id + " 的附件"));
    response.setContentType(a.mediaType());
    response.setContentLengthLong(a.size());
    // always a download: an uploaded file never runs as a page of ours
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(a.fileName(), StandardCharsets.UTF_8).build().toString());
    store.copyContent(a.id(), response.getOutputStream());
  }

  /** The name without any path, control characters or excess length, ending in the extension of its real type. */
  static String fileName(String original, FileTypes.Type type) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (name.isEmpty()) {
      name = "附件";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    boolean rightExtension = lower.endsWith("." + type.extension)
        || (type == FileTypes.Type.JPEG && lower.endsWith(".jpeg"));
    if (!rightExtension) {
      name = name + "." + type.extension;
    }
    if (name.length() > 200) {
      name = name.substring(name.length() - 200);
    }
    return name;
  }

  static String humanSize(long bytes) {
    if (bytes < 1024) {
      return bytes + " 字节";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
  }

  private static String sha256(MultipartFile file) throws IOException {
    try (DigestInputStream in = new DigestInputStream(file.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
