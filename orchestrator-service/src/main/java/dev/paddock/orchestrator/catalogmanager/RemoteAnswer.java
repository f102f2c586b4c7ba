package dev.paddock.orchestrator.catalogmanager;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/** Another catalog's answer to a forwarded request, passed on as it came: status, content type, body. */
public record RemoteAnswer(int status, @Nullable MediaType contentType, byte[] body) {}
