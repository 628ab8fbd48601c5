package ca.hotlinetrends.cli;

import ca.hotlinetrends.schema.DataDictionary;
import ca.hotlinetrends.schema.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "dictionary",
        mixinStandardHelpOptions = true,
        description = "Regenerate the data dictionary from the schema files.")
final class DictionaryCommand implements Callable<Integer> {

    @Option(names = "--schemas", defaultValue = "schemas", description = "Schema folder (default: ${DEFAULT-VALUE}).")
    Path schemas;

    @Option(
            names = "--out",
            defaultValue = "docs/data-dictionary.md",
            description = "Output (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        String md = DataDictionary.render(SchemaRegistry.load(schemas));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
        return HotlineTrends.OK;
    }
}
