package ca.hotlinetrends.reports.document;

import ca.hotlinetrends.reports.i18n.Messages;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FreeMarker templates of the documents, one per document for both languages. Templates get every word
 * through {@code t("key", args...)} from the language's bundle and every number already formatted; a missing
 * key or variable fails the rendering (no default, no fallback language). HTML templates ({@code .ftlh}) and
 * XHTML ones ({@code .ftlx}) escape what they print. Thread-safe (a new configuration per instance, used by
 * one thread).
 */
final class Templates {

    private final Configuration cfg;

    Templates() {
        cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(Templates.class, "/ca/hotlinetrends/reports/templates");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("computer");
        cfg.setRecognizeStandardFileExtensions(true);
    }

    /**
     * Renders a template with {@code model} and the translation function {@code t} of {@code m}.
     *
     * @throws IllegalStateException when the template fails (e.g. a missing key or variable)
     */
    String render(String template, Map<String, Object> model, Messages m) {
        Map<String, Object> root = new LinkedHashMap<>(model);
        root.put("lang", m.language());
        root.put("t", (TemplateMethodModelEx) args -> translate(m, args));
        StringWriter out = new StringWriter();
        try {
            Template t = cfg.getTemplate(template);
            t.process(root, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException(
                    "template " + template + " failed in " + m.language() + ": " + e.getMessageWithoutStackTop(), e);
        }
        return out.toString();
    }

    private static Object translate(Messages m, List<?> args) throws TemplateModelException {
        if (args.isEmpty()) {
            throw new TemplateModelException("t() needs a message key");
        }
        Object[] rest = new Object[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            rest[i - 1] = scalar(args.get(i));
        }
        try {
            return m.get(scalar(args.get(0)), rest);
        } catch (IllegalStateException e) {
            throw new TemplateModelException(e.getMessage(), e);
        }
    }

    private static String scalar(Object arg) throws TemplateModelException {
        if (arg instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (arg instanceof TemplateModel) {
            throw new TemplateModelException("t() takes strings; numbers are formatted before they reach a template");
        }
        return String.valueOf(arg);
    }
}
