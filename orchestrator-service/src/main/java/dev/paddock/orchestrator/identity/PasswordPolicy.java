package dev.paddock.orchestrator.identity;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.orchestrator.OrchestratorProperties;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The reference's password rules (length 12–40; upper, lower, digit and special characters), configurable. */
@Component
class PasswordPolicy {

    private static final String SPECIALS = "!@#$%^&*()-_=+[]{};:,.<>/?~";

    private final OrchestratorProperties.PasswordPolicy rules;

    PasswordPolicy(OrchestratorProperties properties) {
        this.rules = properties.identity().passwordPolicy();
    }

    /** @throws ProblemException 400 listing every rule the password breaks */
    void check(String password) {
        List<String> broken = new ArrayList<>();
        if (password.length() < rules.minLength()) {
            broken.add("at least " + rules.minLength() + " characters");
        }
        if (password.length() > rules.maxLength()) {
            broken.add("at most " + rules.maxLength() + " characters");
        }
        if (rules.requireUppercase() && password.chars().noneMatch(Character::isUpperCase)) {
            broken.add("an upper-case letter");
        }
        if (rules.requireLowercase() && password.chars().noneMatch(Character::isLowerCase)) {
            broken.add("a lower-case letter");
        }
        if (rules.requireNumber() && password.chars().noneMatch(Character::isDigit)) {
            broken.add("a digit");
        }
        if (rules.requireSpecialChar() && password.chars().allMatch(Character::isLetterOrDigit)) {
            broken.add("a special character");
        }
        if (!broken.isEmpty()) {
            throw ProblemException.badRequest(
                    "password-policy", "The password must have " + String.join(", ", broken) + ".");
        }
    }

    /** A random password that satisfies the policy. */
    String generate() {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        password.append((char) ('A' + random.nextInt(26)));
        password.append((char) ('a' + random.nextInt(26)));
        password.append((char) ('2' + random.nextInt(8)));
        password.append(SPECIALS.charAt(random.nextInt(8)));
        int length = Math.max(rules.minLength(), Math.min(24, rules.maxLength()));
        while (password.length() < length) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
