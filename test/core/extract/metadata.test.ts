import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../../core/extract/extract.js';
import { parseDocument } from '../../../core/extract/dom.js';
import { extractMetadata, splitAuthors } from '../../../core/extract/metadata.js';
import { FIXTURES } from './shared.js';

const page = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('metadata', () => {
  test('Open Graph, meta tags, <html lang>, canonical link and <base>', () => {
    const a = extractArticle(page('article-og.html'));
    expect(a.title).toBe('Harbour tunnel opens two years late');
    expect(a.siteName).toBe('The Coastal Courier');
    expect(a.lang).toBe('en-GB');
    expect(a.byline).toBe('Maria Lopes');
    expect(a.authors).toEqual(['Maria Lopes']);
    expect(a.publishedAt).toBe('2024-03-04T09:30:00+00:00');
    expect(a.modifiedAt).toBe('2024-03-04T12:05:00+00:00');
    expect(a.description).toBe('The new harbour tunnel opened on Monday, two years behind schedule and 40% over budget.');
    // Relative canonical link resolved against <base href>.
    expect(a.canonicalUrl).toBe('https://courier.example/news/harbour-tunnel');
  });

  test('JSON-LD in @graph with several @types, author objects and publisher', () => {
    const a = extractArticle(page('jsonld-graph.html'), { url: 'https://graph.example/wind-farm?utm=x' });
    expect(a.title).toBe('Wind farm approved after five-year fight');
    expect(a.authors).toEqual(['Sam Okafor', 'Lena Park']);
    expect(a.byline).toBe('Sam Okafor, Lena Park');
    expect(a.publishedAt).toBe('2023-11-20T07:00:00Z');
    expect(a.modifiedAt).toBe('2023-11-21T10:15:00Z');
    expect(a.lang).toBe('en-US');
    expect(a.siteName).toBe('Graph Gazette Media');
    expect(a.canonicalUrl).toBe('https://graph.example/wind-farm');
    expect(a.description).toBe('Regulators approved the offshore wind farm on Monday.');
  });

  test('a broken JSON-LD block is skipped; a top-level array inside CDATA is read', () => {
    const meta = extractMetadata(parseDocument(page('jsonld-array.html')));
    expect(meta.title).toBe('La rivière déborde à Lyon');
    expect(meta.authors).toEqual(['Claire Dubois']);
    expect(meta.publishedAt).toBe('2022-06-01');
    expect(meta.lang).toBe('fr');
    expect(meta.documentTitle).toBe('Titre de la page');
  });

  test('Dublin Core, Parse.ly and http-equiv content-language', () => {
    const meta = extractMetadata(parseDocument(page('meta-only.html')));
    expect(meta.title).toBe('Neue Brücke eröffnet');
    expect(meta.byline).toBe('Jonas Weber');
    expect(meta.publishedAt).toBe('2021-05-17T08:00:00+02:00');
    expect(meta.lang).toBe('de');
    expect(meta.siteName).toBeNull();
  });

  test('a page without metadata falls back to <title>, <time> and og:locale', () => {
    const meta = extractMetadata(
      parseDocument(
        '<html><head><title> Plain  page </title><meta property="og:locale" content="pt_BR"></head><body><time datetime="2020-01-02">2 Jan</time></body></html>',
      ),
    );
    expect(meta.title).toBeNull();
    expect(meta.documentTitle).toBe('Plain page');
    expect(meta.publishedAt).toBe('2020-01-02');
    expect(meta.lang).toBe('pt-BR');
  });

  test('bylines split into author names', () => {
    expect(splitAuthors('By Jane Doe and John Roe')).toEqual(['Jane Doe', 'John Roe']);
    expect(splitAuthors('Par Claire Dubois, Marc Petit')).toEqual(['Claire Dubois', 'Marc Petit']);
  });
});
