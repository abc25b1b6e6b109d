import type { RenderContext } from '../digest/runner.js';
import type { SubscriptionPlan } from '../digest/plan.js';
import { presentationType } from '../papers/venue.js';
import { planDigestMessages, type PlannedDigestMessage } from './render/index.js';

/** Render one subscription's plan into the message bodies it posts, with the papers each carries. */
export function renderPlan(plan: SubscriptionPlan, context: RenderContext): PlannedDigestMessage[] {
  const total = plan.papers.length + plan.overflow.length;
  return planDigestMessages({
    topic: { name: plan.topic.name, color: plan.topic.color, slug: plan.topic.slug },
    date: context.date,
    papers: plan.papers.map(({ paper, topicNames, matched }) => ({
      paper,
      topicNames,
      matched: matched.map(({ topicName, explanation }) => ({ name: topicName, explanation })),
      presentation: presentationType(paper.comment),
      image: plan.topic.images ? (context.figures?.get(paper.id) ?? null) : null,
    })),
    totalMatched: total,
    mentionRoleId: plan.subscription.mentionRoleId,
    abstractLength: context.settings.abstractLength,
    nonceBase: context.nonceBase,
    moreHint: `/paper search query:… topic:${plan.topic.slug} since:${context.date}`, // i18n-ignore: a command
    ...(context.locale !== undefined ? { locale: context.locale } : {}),
  });
}
