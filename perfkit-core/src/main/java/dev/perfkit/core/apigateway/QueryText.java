package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A query string parameter's value in the request object: text, which {@link QueryScalars} turns
 * into the number or boolean the parameter type declares, since a query string carries only text. A
 * body's strings are plain {@link TextNode}s and are never converted.
 */
final class QueryText extends TextNode {

  private static final long serialVersionUID = 1L;

  QueryText(String value) {
    super(value);
  }
}
