package dev.gatehouse.shared.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A printable report (dossiers, compliance reports): a title, headings, paragraphs, label/value
 * fields and tables that wrap their cells and repeat their header on every page. Blocks are
 * collected first and laid out by {@link #toBytes()}, which also numbers the pages.
 * <p>
 * The standard Helvetica fonts keep the files small and need no font files on the server; text
 * they cannot show (outside Windows-1252) is printed as {@code ?} rather than failing the export.
 */
public final class PdfReport {

	private final String title;

	private final List<Block> blocks = new ArrayList<>();

	private String subtitle;

	private Instant createdAt;

	private PdfReport(String title) {
		this.title = title;
	}

	public static PdfReport titled(String title) {
		return new PdfReport(title);
	}

	/** A line under the title, such as what the report covers and when it was made. */
	public PdfReport subtitle(String text) {
		this.subtitle = text;
		return this;
	}

	/** The document's creation date in its metadata. */
	public PdfReport createdAt(Instant instant) {
		this.createdAt = instant;
		return this;
	}

	public PdfReport heading(String text) {
		blocks.add(new Block.Heading(text));
		return this;
	}

	/** Text wrapped to the page width; line breaks in the text start new lines. */
	public PdfReport paragraph(String text) {
		blocks.add(new Block.Paragraph(text == null ? "" : text));
		return this;
	}

	/** Label and value pairs, one per line, labels in bold; the map's iteration order is kept. */
	public PdfReport fields(Map<String, String> labelsToValues) {
		blocks.add(new Block.Fields(List.copyOf(labelsToValues.entrySet())));
		return this;
	}

	/**
	 * A table. {@code relativeWidths} share the page width between the columns (equal shares when
	 * empty); every row must have as many cells as there are headers.
	 */
	public PdfReport table(List<String> headers, List<? extends List<String>> rows, float... relativeWidths) {
		if (headers.isEmpty()) {
			throw new IllegalArgumentException("A table needs at least one column");
		}
		if (relativeWidths.length != 0 && relativeWidths.length != headers.size()) {
			throw new IllegalArgumentException("One width per column");
		}
		for (List<String> row : rows) {
			if (row.size() != headers.size()) {
				throw new IllegalArgumentException("Row " + row + " has " + row.size() + " cells, not " + headers.size());
			}
		}
		float[] widths = relativeWidths.length == 0 ? equalShares(headers.size()) : relativeWidths.clone();
		blocks.add(new Block.Table(List.copyOf(headers), rows.stream().map(List::copyOf).toList(), widths));
		return this;
	}

	public byte[] toBytes() {
		try (PDDocument document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			describe(document);
			var layout = new PdfLayout(document);
			layout.title(title, subtitle);
			for (Block block : blocks) {
				switch (block) {
					case Block.Heading heading -> layout.heading(heading.text());
					case Block.Paragraph paragraph -> layout.paragraph(paragraph.text());
					case Block.Fields fields -> layout.fields(fields.entries());
					case Block.Table table -> layout.table(table.headers(), table.rows(), table.widths());
				}
			}
			layout.finish(title);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the PDF report", ex);
		}
	}

	private void describe(PDDocument document) {
		PDDocumentInformation info = document.getDocumentInformation();
		info.setTitle(PdfText.printable(title));
		info.setProducer("Gatehouse");
		if (createdAt != null) {
			Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
			calendar.setTimeInMillis(createdAt.toEpochMilli());
			info.setCreationDate(calendar);
		}
	}

	private static float[] equalShares(int columns) {
		float[] widths = new float[columns];
		Arrays.fill(widths, 1f);
		return widths;
	}

	static PDPage newPage() {
		return new PDPage(PDRectangle.A4);
	}

	static PDPageContentStream append(PDDocument document, PDPage page) throws IOException {
		return new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true);
	}

	private sealed interface Block {

		record Heading(String text) implements Block {
		}

		record Paragraph(String text) implements Block {
		}

		record Fields(List<Map.Entry<String, String>> entries) implements Block {
		}

		record Table(List<String> headers, List<List<String>> rows, float[] widths) implements Block {
		}

	}

}
