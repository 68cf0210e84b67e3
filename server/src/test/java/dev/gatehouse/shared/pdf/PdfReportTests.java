package dev.gatehouse.shared.pdf;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PdfReportTests {

	@Test
	void reportWhenTableLongerThanAPageThenHeaderRepeatsAndEveryRowIsPrinted() throws IOException {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			rows.add(List.of("DP-" + i, "Clause number " + i + " with a title long enough to wrap inside its narrow column",
					i % 2 == 0 ? "pass" : "fail"));
		}
		byte[] pdf = PdfReport.titled("Compliance report: Northwind")
			.subtitle("Pack reference 1.0.0")
			.createdAt(Instant.parse("2026-12-02T06:00:00Z"))
			.heading("Clauses")
			.table(List.of("Clause", "Title", "Result"), rows, 1, 4, 1)
			.toBytes();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isGreaterThan(2);
			assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Compliance report: Northwind");
			assertThat(document.getDocumentInformation().getCreationDate().toInstant())
				.isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
			for (int page = 1; page <= document.getNumberOfPages(); page++) {
				assertThat(textOf(document, page, page)).contains("Clause").contains("Result")
					.contains("Page " + page + " of " + document.getNumberOfPages());
			}
			String all = textOf(document, 1, document.getNumberOfPages());
			for (int i = 0; i < 150; i++) {
				assertThat(all).contains("DP-" + i + " ");
			}
		}
	}

	@Test
	void reportWhenTextOutsideTheFontThenPrintedAsQuestionMarksNotFailing() throws IOException {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("App", "Zoë’s Clinic — 日本 ✓");
		fields.put("Notes", "line one\nline two\twith a tab");
		byte[] pdf = PdfReport.titled("Dossier").fields(fields).paragraph("Control \u0007 character").toBytes();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = textOf(document, 1, 1);
			assertThat(text).contains("Zoë’s Clinic — ?? ?").contains("line one").contains("line two with a tab")
				.contains("Control character").doesNotContain("\u0007");
		}
	}

	@Test
	void reportWhenAWordIsWiderThanItsColumnThenItIsCutAcrossLines() throws IOException {
		String word = "x".repeat(300);
		byte[] pdf = PdfReport.titled("Wide").table(List.of("A", "B"), List.of(List.of(word, "b")), 1, 1).toBytes();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = textOf(document, 1, 1).replaceAll("\\s", "");
			assertThat(text).contains(word);
		}
	}

	@Test
	void tableWhenRowHasWrongNumberOfCellsThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PdfReport.titled("T").table(List.of("A", "B"), List.of(List.of("only one"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PdfReport.titled("T").table(List.of("A", "B"), List.of(), 1, 2, 3));
	}

	private static String textOf(PDDocument document, int from, int to) throws IOException {
		var stripper = new PDFTextStripper();
		stripper.setStartPage(from);
		stripper.setEndPage(to);
		return stripper.getText(document);
	}

}
