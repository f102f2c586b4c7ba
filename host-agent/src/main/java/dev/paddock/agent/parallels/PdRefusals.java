package dev.paddock.agent.parallels;

import java.util.List;
import java.util.Locale;

/**
 * What PD's refusals mean, in one table with the source of each phrase. PD's exact wording is mostly not public:
 * prlctl prints {@code Failed to <verb> the VM: <SDK error text>} (OpenVZ/prlctl src/PrlVm.cpp, e.g. clone at
 * :1361-1389), and the SDK texts live in closed code. So the agent does not depend on them where it can avoid it: it
 * checks a VM's state itself before power operations, deletes and settings (as the reference does, main.go:1226-1286),
 * and this table is only the fallback for refusals that get past those checks. A refusal the table does not know is
 * {@link Refusal#OTHER}: answered 502 with PD's raw text, and logged with the command and exit code.
 */
public final class PdRefusals {

    /** What a refusal means to a client. */
    public enum Refusal {
        NOT_FOUND,
        STATE_CONFLICT,
        NAME_TAKEN,
        OTHER
    }

    private record Phrase(String text, Refusal refusal, String source) {}

    private static final List<Phrase> PHRASES = List.of(
            // REF treats any failure of `list <id>` as "not found" (main.go:1042-1064) and so never needed the text;
            // the agent asks for unknown VMs by id only after its own cache said they exist, so these matter little.
            new Phrase("could not be found", Refusal.NOT_FOUND, "evidence silent: simulator wording"),
            new Phrase("does not exist", Refusal.NOT_FOUND, "evidence silent: simulator wording"),
            new Phrase(
                    "already exists",
                    Refusal.NAME_TAKEN,
                    "OpenVZ/prlctl: clone/create to a taken name; wording not confirmed on PD"),
            new Phrase("already in use", Refusal.NAME_TAKEN, "evidence silent: simulator wording"),
            new Phrase("already registered", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("already running", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("not running", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("is running", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("must be stopped", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("stop it first", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("cannot be performed", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("not suspended", Refusal.STATE_CONFLICT, "evidence silent: simulator wording"),
            new Phrase("permission denied", Refusal.OTHER, "a bundle not owned by the VM's owner; answered 502"));

    private PdRefusals() {}

    static Refusal classify(String stderr) {
        String lower = stderr.toLowerCase(Locale.ROOT);
        for (Phrase phrase : PHRASES) {
            if (lower.contains(phrase.text())) {
                return phrase.refusal();
            }
        }
        return Refusal.OTHER;
    }
}
