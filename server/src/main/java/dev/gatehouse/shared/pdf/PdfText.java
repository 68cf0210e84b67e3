package dev.gatehouse.shared.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/** Text as the standard fonts can print it, and wrapped to a width. */
final class PdfText {

	private PdfText() {
	}

	/** Replaces what Windows-1252 cannot encode, and control characters, so that no export fails on a name. */
	static String printable(String text) {
		if (text == null) {
			return "";
		}
		var out = new StringBuilder(text.length());
		text.codePoints().forEach(cp -> {
			if (cp == '\t') {
				out.append("    ");
			}
			else if (cp == '\n') {
				out.append('\n');
			}
			else if (Character.isISOControl(cp)) {
				out.append(' ');
			}
			else if (WinAnsiEncoding.INSTANCE.contains(GlyphList.getAdobeGlyphList().codePointToName(cp))) {
				out.appendCodePoint(cp);
			}
			else {
				out.append('?');
			}
		});
		return out.toString();
	}

	/** Lines of at most {@code width} points; words longer than a line are cut. Line breaks in the text are kept. */
	static List<String> wrap(String text, PDFont font, float size, float width) {
		List<String> lines = new ArrayList<>();
		for (String paragraph : printable(text.replace("\r\n", "\n")).split("\n", -1)) {
			wrapParagraph(paragraph, font, size, width, lines);
		}
		return lines;
	}

	private static void wrapParagraph(String paragraph, PDFont font, float size, float width, List<String> lines) {
		var line = new StringBuilder();
		for (String word : paragraph.split(" +")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (width(candidate, font, size) <= width) {
				line.setLength(0);
				line.append(candidate);
				continue;
			}
			if (!line.isEmpty()) {
				lines.add(line.toString());
				line.setLength(0);
			}
			String rest = word;
			while (width(rest, font, size) > width && rest.length() > 1) {
				int fit = fittingPrefix(rest, font, size, width);
				lines.add(rest.substring(0, fit));
				rest = rest.substring(fit);
			}
			line.append(rest);
		}
		lines.add(line.toString());
	}

	private static int fittingPrefix(String word, PDFont font, float size, float width) {
		int fit = 1;
		while (fit < word.length() && width(word.substring(0, fit + 1), font, size) <= width) {
			fit++;
		}
		return fit;
	}

	static float width(String text, PDFont font, float size) {
		try {
			return font.getStringWidth(text) / 1000f * size;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
